-- Issue 17 point 7 (intake at the hardware's pace): the stats counters' UPDATE trigger on messages no
-- longer joins its two transition tables. Each status batch of the event poller updates ~200 messages in
-- one statement, and the trigger's statement took 40 % of that UPDATE's time (pg_stat_statements: 39 ms
-- and ~100 buffer hits a call). PL/pgSQL plans the join of old_rows and new_rows (no index, no statistics)
-- once per session and keeps that plan whatever the size of later statements. Summing -1 for every old
-- row and +1 for every new row per key gives the same deltas (rows whose counted state did not change
-- cancel out; HAVING drops zero sums) in one pass without a join. Every branch keeps V23's agent_id
-- (messages.sent_by_agent_id), so the counters still break down by agent (stats-06).
-- docs/decisions/receiver-03-intake-cost-per-status.md

CREATE OR REPLACE FUNCTION stats_count_messages() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, COALESCE(r.phone_number_id, ''),
           stats_template_name(r.type, r.metadata), stats_template_language(r.type, r.metadata), r.campaign_id, r.sent_by_agent_id, e.code, COUNT(*)
    FROM new_rows r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL stats_message_events(r.direction, r.status, r.created_at, r.sent_at, r.delivered_at, r.read_at, r.failed_at, r.error_code) e
    CROSS JOIN LATERAL (SELECT (e.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Every old row counts -1 and every new row +1, summed per key: a row whose counted state did not
    -- change cancels itself out in its groups (HAVING drops the zeros). No join of old_rows with
    -- new_rows (no index, no statistics, a plan cached per session): see receiver-03.
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, r.phone_number_id, r.template_name, r.template_language,
           r.campaign_id, r.agent_id, e.code, SUM(r.sign)
    FROM (
      SELECT -1 AS sign, o.tenant_id, o.direction, o.status, o.created_at, o.sent_at, o.delivered_at, o.read_at, o.failed_at, o.error_code,
             COALESCE(o.phone_number_id, '') AS phone_number_id, stats_template_name(o.type, o.metadata) AS template_name,
             stats_template_language(o.type, o.metadata) AS template_language, o.campaign_id, o.sent_by_agent_id AS agent_id
      FROM old_rows o
      UNION ALL
      SELECT 1, n.tenant_id, n.direction, n.status, n.created_at, n.sent_at, n.delivered_at, n.read_at, n.failed_at, n.error_code,
             COALESCE(n.phone_number_id, ''), stats_template_name(n.type, n.metadata), stats_template_language(n.type, n.metadata), n.campaign_id, n.sent_by_agent_id
      FROM new_rows n
    ) r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL stats_message_events(r.direction, r.status, r.created_at, r.sent_at, r.delivered_at, r.read_at, r.failed_at, r.error_code) e
    CROSS JOIN LATERAL (SELECT (e.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING SUM(r.sign) <> 0;
  ELSE
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, COALESCE(r.phone_number_id, ''),
           stats_template_name(r.type, r.metadata), stats_template_language(r.type, r.metadata), r.campaign_id, r.sent_by_agent_id, e.code, -COUNT(*)
    FROM old_rows r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL stats_message_events(r.direction, r.status, r.created_at, r.sent_at, r.delivered_at, r.read_at, r.failed_at, r.error_code) e
    CROSS JOIN LATERAL (SELECT (e.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  END IF;
  RETURN NULL;
END;
$$;

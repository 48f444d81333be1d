-- Issue 11 point 4: the stats counters may cost status events end to end at most 10 %. Measured (quiet pair of the
-- merged build): 11 % slower, 13 % more CPU; inside PostgreSQL almost all of it is stats_count_messages' UPDATE branch
-- (bench/run.sh StatsTriggerBenchmark: about a third of the poller's status UPDATE). Where its time went, per status
-- batch of 200 messages (old and new row of each = 400 rows, 7 possible events each):
--   * stats_message_events is a VALUES list: PostgreSQL compiles a VALUES row's expressions every time it reads the
--     row, so expanding 400 rows into events built 2,800 CASE expressions (≈ 3 ms of the ≈ 15 ms);
--   * every event, even one that the same message's other row cancels, went through two time-zone conversions
--     (four: the converted time is computed once for the day and once for the hour) and a 10-key sort.
-- So (docs/decisions/stats-10-status-trigger-cost.md):
--   1. The seven event definitions of stats_message_events, once more, as arrays (stats_message_event_kinds / _times /
--      _codes) and as a list (stats_message_event_list: one unnest of the three, compiled once per statement); the
--      update branch unnests the arrays in its select list (one ProjectSet pass, no function scan per row).
--      stats_message_events stays (stats_rebuild and IntervalCounts use it); StatsMessageEventsEquivalenceTest holds
--      the two equal on every combination of their inputs.
--   2. The UPDATE branch first sums the signs per exact event (kind, UTC time, code, number, template, campaign,
--      agent) and keeps only the events that did not cancel — for a status that is one event per message (its new
--      delivered or read time) instead of about nine — and only those are bucketed into the tenant's day and hour and
--      summed again. The local day and hour are functions of (tenant, UTC time), so summing the first sums again per
--      bucket gives exactly the deltas V25 wrote (dropping zero sums in between changes no bucket's total).
--   3. The aggregations hash instead of sorting on ten keys (enable_sort off inside this function only).
-- Every branch keeps V23's agent attribution (messages.sent_by_agent_id).

-- A message row's events as three parallel arrays (kind, UTC time or null, error code): the same seven definitions as
-- V11's stats_message_events, written once here; the list form below and the trigger's update branch both use them.
CREATE FUNCTION stats_message_event_kinds() RETURNS TEXT[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT '{inbound,outbound,sent,delivered,read,failed,attempted}'::text[]
$$;

CREATE FUNCTION stats_message_event_times(direction TEXT, status TEXT, created_at TIMESTAMP, sent_at TIMESTAMP,
                                          delivered_at TIMESTAMP, read_at TIMESTAMP, failed_at TIMESTAMP) RETURNS TIMESTAMP[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY[
    CASE WHEN direction = 'inbound' THEN created_at END,
    CASE WHEN direction = 'outbound' THEN created_at END,
    CASE WHEN direction = 'outbound' AND (status IN ('sent', 'delivered', 'read')
              OR sent_at IS NOT NULL OR delivered_at IS NOT NULL OR read_at IS NOT NULL)
         THEN COALESCE(sent_at, delivered_at, read_at, created_at) END,
    CASE WHEN direction = 'outbound' AND (status IN ('delivered', 'read') OR delivered_at IS NOT NULL OR read_at IS NOT NULL)
         THEN COALESCE(delivered_at, read_at, sent_at, created_at) END,
    CASE WHEN direction = 'outbound' AND (status = 'read' OR read_at IS NOT NULL)
         THEN COALESCE(read_at, delivered_at, sent_at, created_at) END,
    CASE WHEN direction = 'outbound' AND status = 'failed' THEN COALESCE(failed_at, sent_at, created_at) END,
    CASE WHEN direction = 'outbound' AND status IN ('sent', 'delivered', 'read', 'failed')
         THEN COALESCE(sent_at, delivered_at, read_at, failed_at, created_at) END]
$$;

CREATE FUNCTION stats_message_event_codes(error_code TEXT) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY['', '', '', '', '', COALESCE(left(error_code, 50), ''), '']
$$;

CREATE FUNCTION stats_message_event_list(direction TEXT, status TEXT, created_at TIMESTAMP, sent_at TIMESTAMP,
                                         delivered_at TIMESTAMP, read_at TIMESTAMP, failed_at TIMESTAMP, error_code TEXT)
RETURNS TABLE (kind TEXT, at TIMESTAMP, code TEXT)
LANGUAGE sql IMMUTABLE AS $$
  SELECT e.kind, e.at, e.code
  FROM unnest(stats_message_event_kinds(),
              stats_message_event_times(direction, status, created_at, sent_at, delivered_at, read_at, failed_at),
              stats_message_event_codes(error_code)) AS e(kind, at, code)
  WHERE e.at IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION stats_count_messages() RETURNS TRIGGER
LANGUAGE plpgsql
SET enable_sort = off
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, COALESCE(r.phone_number_id, ''),
           stats_template_name(r.type, r.metadata), stats_template_language(r.type, r.metadata), r.campaign_id, r.sent_by_agent_id, e.code, COUNT(*)
    FROM new_rows r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL stats_message_event_list(r.direction, r.status, r.created_at, r.sent_at, r.delivered_at, r.read_at, r.failed_at, r.error_code) e
    CROSS JOIN LATERAL (SELECT (e.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Every old row counts -1 and every new row +1 (no join of the two transition tables: receiver-03). Events that
    -- cancel exactly (same kind, time, code and keys: a message's unchanged created/sent times) go before bucketing.
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, n)
    SELECT x.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, x.kind, x.phone_number_id, x.template_name, x.template_language,
           x.campaign_id, x.agent_id, x.code, SUM(x.n)
    FROM (
      SELECT r.tenant_id, r.kind, r.at, r.code, r.phone_number_id, r.template_name, r.template_language, r.campaign_id, r.agent_id,
             SUM(r.sign) AS n
      FROM (
        -- unnest in the select list: one pass over the rows (ProjectSet), no function scan per row.
        SELECT u.sign, u.tenant_id, u.phone_number_id, u.template_name, u.template_language, u.campaign_id, u.agent_id,
               unnest(stats_message_event_kinds()) AS kind,
               unnest(stats_message_event_times(u.direction, u.status, u.created_at, u.sent_at, u.delivered_at, u.read_at, u.failed_at)) AS at,
               unnest(stats_message_event_codes(u.error_code)) AS code
        FROM (
          SELECT -1 AS sign, o.tenant_id, o.direction, o.status, o.created_at, o.sent_at, o.delivered_at, o.read_at, o.failed_at, o.error_code,
                 COALESCE(o.phone_number_id, '') AS phone_number_id, stats_template_name(o.type, o.metadata) AS template_name,
                 stats_template_language(o.type, o.metadata) AS template_language, o.campaign_id, o.sent_by_agent_id AS agent_id
          FROM old_rows o
          UNION ALL
          SELECT 1, n.tenant_id, n.direction, n.status, n.created_at, n.sent_at, n.delivered_at, n.read_at, n.failed_at, n.error_code,
                 COALESCE(n.phone_number_id, ''), stats_template_name(n.type, n.metadata), stats_template_language(n.type, n.metadata),
                 n.campaign_id, n.sent_by_agent_id
          FROM new_rows n
        ) u
      ) r
      WHERE r.at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
      HAVING SUM(r.sign) <> 0
    ) x
    JOIN tenants t ON t.id = x.tenant_id
    CROSS JOIN LATERAL (SELECT (x.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING SUM(x.n) <> 0;
  ELSE
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, COALESCE(r.phone_number_id, ''),
           stats_template_name(r.type, r.metadata), stats_template_language(r.type, r.metadata), r.campaign_id, r.sent_by_agent_id, e.code, -COUNT(*)
    FROM old_rows r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL stats_message_event_list(r.direction, r.status, r.created_at, r.sent_at, r.delivered_at, r.read_at, r.failed_at, r.error_code) e
    CROSS JOIN LATERAL (SELECT (e.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  END IF;
  RETURN NULL;
END;
$$;

-- Response times and messages by agent (issue 13 point 7, issue 11 "breakdowns … by agent").
-- V11 kept an agent_id column in response_times, stats_deltas and stats_counters but nothing filled it.
-- Who a figure belongs to (docs/decisions/stats-06-response-times-by-agent.md):
--   a message (sent, delivered, read, failed, outbound): the agent who wrote it (messages.sent_by_agent_id);
--   a first response: the agent who wrote the answering message (whoever is assigned);
--   a resolution: the conversation's assignee when it is closed; unassigned, the agent who closed it;
--   nobody (null, "unattributed"): customers' messages, campaigns, automations, the owner's or a service's work.
-- Everything still flows through the existing delta triggers, so the counters stay equal to a recount.

-- Messages: as V11, with agent_id = sent_by_agent_id in every delta; a change of sent_by_agent_id
-- (an agent deleted: ON DELETE SET NULL) moves the message's counts to "unattributed".
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
    -- Most updates (the sender's claim, retries) change nothing counted: only changed rows go on.
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, r.phone_number_id, r.template_name, r.template_language,
           r.campaign_id, r.agent_id, e.code, SUM(r.sign)
    FROM (
      SELECT s.* FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES
        (-1, o.tenant_id, o.direction, o.status, o.created_at, o.sent_at, o.delivered_at, o.read_at, o.failed_at, o.error_code,
         COALESCE(o.phone_number_id, ''), stats_template_name(o.type, o.metadata), stats_template_language(o.type, o.metadata), o.campaign_id,
         o.sent_by_agent_id),
        (1, n.tenant_id, n.direction, n.status, n.created_at, n.sent_at, n.delivered_at, n.read_at, n.failed_at, n.error_code,
         COALESCE(n.phone_number_id, ''), stats_template_name(n.type, n.metadata), stats_template_language(n.type, n.metadata), n.campaign_id,
         n.sent_by_agent_id)
      ) AS s(sign, tenant_id, direction, status, created_at, sent_at, delivered_at, read_at, failed_at, error_code,
             phone_number_id, template_name, template_language, campaign_id, agent_id)
      WHERE (o.tenant_id, o.direction, o.status, o.created_at, o.sent_at, o.delivered_at, o.read_at, o.failed_at, o.error_code,
             o.phone_number_id, o.type, o.campaign_id, o.sent_by_agent_id)
            IS DISTINCT FROM
            (n.tenant_id, n.direction, n.status, n.created_at, n.sent_at, n.delivered_at, n.read_at, n.failed_at, n.error_code,
             n.phone_number_id, n.type, n.campaign_id, n.sent_by_agent_id)
         OR (o.type = 'template' AND o.metadata -> 'template' IS DISTINCT FROM n.metadata -> 'template')
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

-- First responses: as V11; the row carries the answering message's author.
CREATE OR REPLACE FUNCTION stats_track_replies() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
  current_conversation UUID;
  stored TIMESTAMP;
  waiting TIMESTAMP;
BEGIN
  FOR r IN SELECT m.id, m.tenant_id, m.conversation_id, m.direction, m.created_at, m.phone_number_id, m.sent_by_agent_id
           FROM new_rows m
           WHERE m.created_at IS NOT NULL AND (m.direction = 'inbound' OR m.campaign_id IS NULL)
           ORDER BY m.conversation_id, m.created_at, m.direction, m.id
  LOOP
    IF current_conversation IS DISTINCT FROM r.conversation_id THEN
      IF current_conversation IS NOT NULL AND waiting IS DISTINCT FROM stored THEN
        UPDATE conversations SET awaiting_reply_since = waiting WHERE id = current_conversation;
      END IF;
      current_conversation := r.conversation_id;
      SELECT c.awaiting_reply_since INTO stored FROM conversations c WHERE c.id = r.conversation_id;
      waiting := stored;
    END IF;
    IF r.direction = 'inbound' THEN
      IF waiting IS NULL THEN
        waiting := r.created_at;
      END IF;
    ELSIF waiting IS NOT NULL THEN
      INSERT INTO response_times (tenant_id, conversation_id, kind, started_at, ended_at, message_id, agent_id, phone_number_id)
      VALUES (r.tenant_id, r.conversation_id, 'first_response', waiting, GREATEST(waiting, r.created_at), r.id, r.sent_by_agent_id, r.phone_number_id);
      waiting := NULL;
    END IF;
  END LOOP;
  IF current_conversation IS NOT NULL AND waiting IS DISTINCT FROM stored THEN
    UPDATE conversations SET awaiting_reply_since = waiting WHERE id = current_conversation;
  END IF;
  RETURN NULL;
END;
$$;

-- Resolutions: as V11; the row carries the assignee at the close (the one assigned by the closing
-- statement itself when it assigns too), or, for an unassigned conversation, the agent who closed it.
-- team_agent_id() is null for the owner and the service (solo mode, automations): unattributed.
CREATE OR REPLACE FUNCTION stats_track_episodes() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  now_utc TIMESTAMP := NOW() AT TIME ZONE 'UTC';
BEGIN
  IF OLD.status = 'open' AND NEW.status = 'closed' THEN
    INSERT INTO response_times (tenant_id, conversation_id, kind, started_at, ended_at, agent_id)
    VALUES (NEW.tenant_id, NEW.id, 'resolution', LEAST(COALESCE(OLD.opened_at, OLD.created_at, now_utc), now_utc), now_utc,
            COALESCE(NEW.assigned_agent_id, OLD.assigned_agent_id, team_agent_id()));
    NEW.awaiting_reply_since := NULL;
  ELSIF OLD.status = 'closed' AND NEW.status = 'open' THEN
    NEW.opened_at := now_utc;
  END IF;
  RETURN NEW;
END;
$$;

-- The rebuild counts messages by their author too (V11 counted them all as nobody's).
CREATE OR REPLACE FUNCTION stats_rebuild(target UUID) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE messages, conversations, response_times IN SHARE MODE;
  PERFORM pg_advisory_xact_lock(7446901);
  DELETE FROM stats_deltas WHERE tenant_id = target;
  DELETE FROM stats_counters WHERE tenant_id = target;
  INSERT INTO stats_counters (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id,
                              error_code, minutes, n)
  SELECT x.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, x.kind, x.phone_number_id, x.template_name, x.template_language,
         x.campaign_id, x.agent_id, x.code, x.minutes, COUNT(*)
  FROM (
    SELECT m.tenant_id, e.kind, e.at, COALESCE(m.phone_number_id, '') AS phone_number_id, stats_template_name(m.type, m.metadata) AS template_name,
           stats_template_language(m.type, m.metadata) AS template_language, m.campaign_id, m.sent_by_agent_id AS agent_id, e.code, 0 AS minutes
    FROM messages m
    CROSS JOIN LATERAL stats_message_events(m.direction, m.status, m.created_at, m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.error_code) e
    WHERE m.tenant_id = target
    UNION ALL
    SELECT c.tenant_id, 'conversation', c.created_at, '', '', '', NULL, NULL, '', 0
    FROM conversations c WHERE c.tenant_id = target AND c.created_at IS NOT NULL
    UNION ALL
    SELECT r.tenant_id, r.kind, r.ended_at, COALESCE(r.phone_number_id, ''), '', '', NULL, r.agent_id, '', stats_response_minutes(r.started_at, r.ended_at)
    FROM response_times r WHERE r.tenant_id = target
  ) x
  JOIN tenants t ON t.id = x.tenant_id
  CROSS JOIN LATERAL (SELECT (x.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;
END;
$$;

-- History already stored: a first response belongs to its answering message's author (exact); a past
-- resolution's assignee at the time is not recorded anywhere, so those stay unattributed.
UPDATE response_times r SET agent_id = m.sent_by_agent_id
FROM messages m
WHERE r.kind = 'first_response' AND r.agent_id IS NULL AND m.id = r.message_id AND m.sent_by_agent_id IS NOT NULL;
-- Then every tenant's counters are counted again with their agents (only when something is attributable).
SELECT stats_rebuild(t.id) FROM tenants t
WHERE EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = t.id AND m.sent_by_agent_id IS NOT NULL);

-- The supervisor's dashboard: counters kept in step with every message insert and status change,
-- so a 90-day view reads a few thousand counter rows instead of scanning messages.
-- Design and proof: docs/decisions/stats-01-counters-by-delta-triggers.md.

-- Each tenant's days start at midnight in its own zone. Existing and new tenants get 'UTC' until
-- someone sets their zone (changing it rebuckets the tenant's counters, see stats_rebuild).
CREATE FUNCTION stats_is_time_zone(zone TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM NOW() AT TIME ZONE zone;
  RETURN TRUE;
EXCEPTION WHEN others THEN
  RETURN FALSE;
END;
$$;
ALTER TABLE tenants ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC'
  CONSTRAINT tenants_time_zone_known CHECK (stats_is_time_zone(time_zone));

-- The WhatsApp number a message went through. Filled on insert with the tenant's sending number
-- (the oldest active account, the rule the sender uses) when the writer does not name one.
ALTER TABLE messages ADD COLUMN phone_number_id VARCHAR(64);

-- Number health, from GET /{phone_number_id}?fields=… and the phone_number_quality_update webhook.
ALTER TABLE whatsapp_accounts
  ADD COLUMN quality_rating VARCHAR(20),
  ADD COLUMN previous_quality_rating VARCHAR(20),
  ADD COLUMN messaging_limit_tier VARCHAR(40),
  ADD COLUMN number_status VARCHAR(40),
  ADD COLUMN health_updated_at TIMESTAMP;

-- When the current episode of a conversation began (a reopen starts a new one), and since when the
-- customer waits for an answer (the first unanswered inbound message; null when answered).
ALTER TABLE conversations
  ADD COLUMN opened_at TIMESTAMP,
  ADD COLUMN awaiting_reply_since TIMESTAMP;

-- One row per answered wait (first_response) and per closed episode (resolution): the history the
-- responsiveness figures are counted from, and what a drill-down lists.
CREATE TABLE response_times (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  kind VARCHAR(20) NOT NULL CHECK (kind IN ('first_response', 'resolution')),
  started_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP NOT NULL,
  message_id UUID REFERENCES messages(id) ON DELETE SET NULL,
  agent_id UUID,
  phone_number_id VARCHAR(64),
  created_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_response_times_tenant_ended ON response_times(tenant_id, ended_at);
CREATE INDEX idx_response_times_conversation ON response_times(conversation_id);

-- The counters. A row counts events of one kind on one local day and hour of a tenant, for one
-- number, template, campaign, agent, error code and (for response times) duration in minutes.
-- campaign_id and agent_id are null until campaigns and agents fill them.
CREATE TABLE stats_counters (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day DATE NOT NULL,
  hour SMALLINT NOT NULL CHECK (hour BETWEEN 0 AND 23),
  kind VARCHAR(24) NOT NULL,
  phone_number_id VARCHAR(64) NOT NULL DEFAULT '',
  template_name VARCHAR(200) NOT NULL DEFAULT '',
  template_language VARCHAR(15) NOT NULL DEFAULT '',
  campaign_id UUID,
  agent_id UUID,
  error_code VARCHAR(50) NOT NULL DEFAULT '',
  minutes INT NOT NULL DEFAULT 0,
  n BIGINT NOT NULL
);
CREATE UNIQUE INDEX uq_stats_counters_key ON stats_counters (tenant_id, day, hour, kind, phone_number_id, template_name,
  template_language, COALESCE(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid),
  COALESCE(agent_id, '00000000-0000-0000-0000-000000000000'::uuid), error_code, minutes);

-- Changes not yet folded into stats_counters. Writers only ever INSERT here, so concurrent pollers
-- and senders never wait for each other on a hot counter row; stats_fold() moves them in batches.
-- A reader sums counters and deltas in one snapshot, so it is exact whether or not a fold ran.
CREATE TABLE stats_deltas (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  day DATE NOT NULL,
  hour SMALLINT NOT NULL,
  kind VARCHAR(24) NOT NULL,
  phone_number_id VARCHAR(64) NOT NULL DEFAULT '',
  template_name VARCHAR(200) NOT NULL DEFAULT '',
  template_language VARCHAR(15) NOT NULL DEFAULT '',
  campaign_id UUID,
  agent_id UUID,
  error_code VARCHAR(50) NOT NULL DEFAULT '',
  minutes INT NOT NULL DEFAULT 0,
  n BIGINT NOT NULL
);
CREATE INDEX idx_stats_deltas_tenant_day ON stats_deltas(tenant_id, day);

-- What one message row counts for: the definitions of every delivery and volume figure.
--   inbound / outbound: a message received / created (queued), on its created_at;
--   sent: an outbound message Meta accepted (any of sent, delivered, read), on its earliest known time;
--   delivered: reached the phone (read implies delivered: Meta may skip "delivered");
--   read: read receipt;
--   failed: status is failed now (a later delivered or read wins, as the status rule says), by error code;
--   attempted: left the queue for good (sent or failed).
-- The trigger counts contribution(new row) - contribution(old row) for every change, so the counters
-- always equal a recount of these definitions over the table (the ADR's proof).
CREATE FUNCTION stats_message_events(direction TEXT, status TEXT, created_at TIMESTAMP, sent_at TIMESTAMP,
                                     delivered_at TIMESTAMP, read_at TIMESTAMP, failed_at TIMESTAMP, error_code TEXT)
RETURNS TABLE (kind TEXT, at TIMESTAMP, code TEXT)
LANGUAGE sql IMMUTABLE AS $$
  SELECT e.kind, e.at, e.code FROM (VALUES
    ('inbound', CASE WHEN direction = 'inbound' THEN created_at END, ''),
    ('outbound', CASE WHEN direction = 'outbound' THEN created_at END, ''),
    ('sent', CASE WHEN direction = 'outbound' AND (status IN ('sent', 'delivered', 'read')
                   OR sent_at IS NOT NULL OR delivered_at IS NOT NULL OR read_at IS NOT NULL)
             THEN COALESCE(sent_at, delivered_at, read_at, created_at) END, ''),
    ('delivered', CASE WHEN direction = 'outbound' AND (status IN ('delivered', 'read') OR delivered_at IS NOT NULL OR read_at IS NOT NULL)
                  THEN COALESCE(delivered_at, read_at, sent_at, created_at) END, ''),
    ('read', CASE WHEN direction = 'outbound' AND (status = 'read' OR read_at IS NOT NULL)
             THEN COALESCE(read_at, delivered_at, sent_at, created_at) END, ''),
    ('failed', CASE WHEN direction = 'outbound' AND status = 'failed' THEN COALESCE(failed_at, sent_at, created_at) END,
               COALESCE(left(error_code, 50), '')),
    ('attempted', CASE WHEN direction = 'outbound' AND status IN ('sent', 'delivered', 'read', 'failed')
                  THEN COALESCE(sent_at, delivered_at, read_at, failed_at, created_at) END, '')
  ) AS e(kind, at, code)
  WHERE e.at IS NOT NULL
$$;

-- Template of a message, as messages reference it today: metadata.template.{name,language}.
CREATE FUNCTION stats_template_name(type TEXT, metadata JSONB) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN type = 'template' THEN COALESCE(left(metadata -> 'template' ->> 'name', 200), '') ELSE '' END
$$;
CREATE FUNCTION stats_template_language(type TEXT, metadata JSONB) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN type = 'template' THEN COALESCE(left(metadata -> 'template' ->> 'language', 15), '') ELSE '' END
$$;

-- Signed message rows (+1 new state, -1 old state) → deltas, grouped by key in the tenant's zone.
-- Rows of a tenant being deleted find no tenant and count nothing (its counters go with it).
CREATE FUNCTION stats_count_messages() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, COALESCE(r.phone_number_id, ''),
           stats_template_name(r.type, r.metadata), stats_template_language(r.type, r.metadata), r.campaign_id, e.code, COUNT(*)
    FROM new_rows r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL stats_message_events(r.direction, r.status, r.created_at, r.sent_at, r.delivered_at, r.read_at, r.failed_at, r.error_code) e
    CROSS JOIN LATERAL (SELECT (e.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Most updates (the sender's claim, retries) change nothing counted: only changed rows go on.
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, r.phone_number_id, r.template_name, r.template_language,
           r.campaign_id, e.code, SUM(r.sign)
    FROM (
      SELECT s.* FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES
        (-1, o.tenant_id, o.direction, o.status, o.created_at, o.sent_at, o.delivered_at, o.read_at, o.failed_at, o.error_code,
         COALESCE(o.phone_number_id, ''), stats_template_name(o.type, o.metadata), stats_template_language(o.type, o.metadata), o.campaign_id),
        (1, n.tenant_id, n.direction, n.status, n.created_at, n.sent_at, n.delivered_at, n.read_at, n.failed_at, n.error_code,
         COALESCE(n.phone_number_id, ''), stats_template_name(n.type, n.metadata), stats_template_language(n.type, n.metadata), n.campaign_id)
      ) AS s(sign, tenant_id, direction, status, created_at, sent_at, delivered_at, read_at, failed_at, error_code,
             phone_number_id, template_name, template_language, campaign_id)
      WHERE (o.tenant_id, o.direction, o.status, o.created_at, o.sent_at, o.delivered_at, o.read_at, o.failed_at, o.error_code,
             o.phone_number_id, o.type, o.campaign_id)
            IS DISTINCT FROM
            (n.tenant_id, n.direction, n.status, n.created_at, n.sent_at, n.delivered_at, n.read_at, n.failed_at, n.error_code,
             n.phone_number_id, n.type, n.campaign_id)
         OR (o.type = 'template' AND o.metadata -> 'template' IS DISTINCT FROM n.metadata -> 'template')
    ) r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL stats_message_events(r.direction, r.status, r.created_at, r.sent_at, r.delivered_at, r.read_at, r.failed_at, r.error_code) e
    CROSS JOIN LATERAL (SELECT (e.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    HAVING SUM(r.sign) <> 0;
  ELSE
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, error_code, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, e.kind, COALESCE(r.phone_number_id, ''),
           stats_template_name(r.type, r.metadata), stats_template_language(r.type, r.metadata), r.campaign_id, e.code, -COUNT(*)
    FROM old_rows r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL stats_message_events(r.direction, r.status, r.created_at, r.sent_at, r.delivered_at, r.read_at, r.failed_at, r.error_code) e
    CROSS JOIN LATERAL (SELECT (e.at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER stats_messages_inserted AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_messages();
CREATE TRIGGER stats_messages_updated AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_messages();
CREATE TRIGGER stats_messages_deleted AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_messages();

-- The number a message went through, when its writer does not say: the tenant's sending number.
CREATE FUNCTION stats_message_number() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  SELECT a.phone_number_id INTO NEW.phone_number_id FROM whatsapp_accounts a
  WHERE a.tenant_id = NEW.tenant_id AND a.status = 'active' ORDER BY a.created_at, a.id LIMIT 1;
  RETURN NEW;
END;
$$;
CREATE TRIGGER stats_message_number BEFORE INSERT ON messages
  FOR EACH ROW WHEN (NEW.phone_number_id IS NULL) EXECUTE FUNCTION stats_message_number();

-- New conversations, counted on their created_at (a reopen is not a new conversation).
CREATE FUNCTION stats_count_conversations_deleted() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deltas (tenant_id, day, hour, kind, n)
  SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, 'conversation', -COUNT(*)
  FROM old_rows r
  JOIN tenants t ON t.id = r.tenant_id
  CROSS JOIN LATERAL (SELECT (r.created_at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
  WHERE r.created_at IS NOT NULL
  GROUP BY 1, 2, 3;
  RETURN NULL;
END;
$$;
CREATE FUNCTION stats_count_conversations_inserted() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stats_deltas (tenant_id, day, hour, kind, n)
  SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, 'conversation', COUNT(*)
  FROM new_rows r
  JOIN tenants t ON t.id = r.tenant_id
  CROSS JOIN LATERAL (SELECT (r.created_at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
  WHERE r.created_at IS NOT NULL
  GROUP BY 1, 2, 3;
  RETURN NULL;
END;
$$;
CREATE TRIGGER stats_conversations_inserted AFTER INSERT ON conversations REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_conversations_inserted();
CREATE TRIGGER stats_conversations_deleted AFTER DELETE ON conversations REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_conversations_deleted();

-- Response times are counted from their own rows, on ended_at, by whole minutes (capped at 30 days).
CREATE FUNCTION stats_response_minutes(started_at TIMESTAMP, ended_at TIMESTAMP) RETURNS INT
LANGUAGE sql IMMUTABLE AS $$
  SELECT LEAST(43200, GREATEST(0, FLOOR(EXTRACT(EPOCH FROM (ended_at - started_at)) / 60)))::int
$$;
CREATE FUNCTION stats_count_response_times() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, agent_id, minutes, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, r.kind, COALESCE(r.phone_number_id, ''), r.agent_id,
           stats_response_minutes(r.started_at, r.ended_at), COUNT(*)
    FROM new_rows r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL (SELECT (r.ended_at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  ELSE
    INSERT INTO stats_deltas (tenant_id, day, hour, kind, phone_number_id, agent_id, minutes, n)
    SELECT r.tenant_id, l.at::date, EXTRACT(HOUR FROM l.at)::smallint, r.kind, COALESCE(r.phone_number_id, ''), r.agent_id,
           stats_response_minutes(r.started_at, r.ended_at), -COUNT(*)
    FROM old_rows r
    JOIN tenants t ON t.id = r.tenant_id
    CROSS JOIN LATERAL (SELECT (r.ended_at AT TIME ZONE 'UTC') AT TIME ZONE t.time_zone AS at) l
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER stats_response_times_inserted AFTER INSERT ON response_times REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_response_times();
CREATE TRIGGER stats_response_times_deleted AFTER DELETE ON response_times REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_count_response_times();

-- Responsiveness. Messages of one statement are taken per conversation in time order (inbound before
-- outbound at the same instant): an inbound message starts a wait if none is running; the next human
-- outbound message (not a campaign's) ends it with one first_response row.
CREATE FUNCTION stats_track_replies() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  r RECORD;
  current_conversation UUID;
  stored TIMESTAMP;
  waiting TIMESTAMP;
BEGIN
  FOR r IN SELECT m.id, m.tenant_id, m.conversation_id, m.direction, m.created_at, m.phone_number_id
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
      INSERT INTO response_times (tenant_id, conversation_id, kind, started_at, ended_at, message_id, phone_number_id)
      VALUES (r.tenant_id, r.conversation_id, 'first_response', waiting, GREATEST(waiting, r.created_at), r.id, r.phone_number_id);
      waiting := NULL;
    END IF;
  END LOOP;
  IF current_conversation IS NOT NULL AND waiting IS DISTINCT FROM stored THEN
    UPDATE conversations SET awaiting_reply_since = waiting WHERE id = current_conversation;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER stats_track_replies AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION stats_track_replies();

-- Resolution: open → closed ends an episode (one resolution row, opened_at → now); closed → open
-- (a reopen) starts the next one. Closing also ends any wait: a closed conversation awaits nobody.
CREATE FUNCTION stats_track_episodes() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  now_utc TIMESTAMP := NOW() AT TIME ZONE 'UTC';
BEGIN
  IF OLD.status = 'open' AND NEW.status = 'closed' THEN
    INSERT INTO response_times (tenant_id, conversation_id, kind, started_at, ended_at)
    VALUES (NEW.tenant_id, NEW.id, 'resolution', LEAST(COALESCE(OLD.opened_at, OLD.created_at, now_utc), now_utc), now_utc);
    NEW.awaiting_reply_since := NULL;
  ELSIF OLD.status = 'closed' AND NEW.status = 'open' THEN
    NEW.opened_at := now_utc;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER stats_track_episodes BEFORE UPDATE OF status ON conversations
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION stats_track_episodes();

-- Moves deltas into counters, at most `batch` at a time; one folder at a time (others return 0 at
-- once), so counter rows have a single writer and the move is atomic: a delta is in exactly one place.
CREATE FUNCTION stats_fold(batch INT) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
  moved BIGINT;
BEGIN
  IF NOT pg_try_advisory_xact_lock(7446901) THEN
    RETURN 0;
  END IF;
  WITH gone AS (
    DELETE FROM stats_deltas WHERE ctid = ANY (ARRAY(SELECT ctid FROM stats_deltas LIMIT batch))
    RETURNING *
  ), added AS (
    INSERT INTO stats_counters (tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id,
                                error_code, minutes, n)
    SELECT tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, minutes, SUM(n)
    FROM gone
    GROUP BY tenant_id, day, hour, kind, phone_number_id, template_name, template_language, campaign_id, agent_id, error_code, minutes
    ON CONFLICT (tenant_id, day, hour, kind, phone_number_id, template_name, template_language,
                 COALESCE(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid),
                 COALESCE(agent_id, '00000000-0000-0000-0000-000000000000'::uuid), error_code, minutes)
    DO UPDATE SET n = stats_counters.n + EXCLUDED.n
    RETURNING 1
  )
  SELECT (SELECT COUNT(*) FROM gone) INTO moved;
  RETURN moved;
END;
$$;

-- Counts a tenant again from its rows (used when its time zone changes, and to fill the counters of
-- an existing database). Writers of the counted tables wait meanwhile, so nothing is counted twice.
CREATE FUNCTION stats_rebuild(target UUID) RETURNS VOID
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
           stats_template_language(m.type, m.metadata) AS template_language, m.campaign_id, NULL::uuid AS agent_id, e.code, 0 AS minutes
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
CREATE FUNCTION stats_zone_changed() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stats_rebuild(NEW.id);
  RETURN NULL;
END;
$$;
CREATE TRIGGER stats_zone_changed AFTER UPDATE OF time_zone ON tenants
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION stats_zone_changed();

-- Messages stored before this migration: their number is the tenant's sending number, and the
-- counters start from what the tables hold (response times start now: no earlier history exists).
UPDATE messages m SET phone_number_id = a.phone_number_id
FROM (SELECT DISTINCT ON (tenant_id) tenant_id, phone_number_id FROM whatsapp_accounts
      WHERE status = 'active' ORDER BY tenant_id, created_at, id) a
WHERE m.tenant_id = a.tenant_id AND m.phone_number_id IS NULL;
DELETE FROM stats_deltas;
SELECT stats_rebuild(id) FROM tenants;

-- Drill-down from a failure row to its messages.
CREATE INDEX idx_messages_tenant_failed ON messages(tenant_id, error_code, failed_at) WHERE status = 'failed';

-- Automations (issue 12): the guide's automations table gains what running it needs; every run is a row
-- of automation_runs, unique per (automation, triggering event), so a run happens once however many
-- workers poll and whatever crashes. Design: docs/decisions/automations-01-runs-exactly-once.md.

ALTER TABLE automations
  -- The API trigger's bearer token: only its SHA-256 (hex) is kept; the token is shown once.
  ADD COLUMN api_token_hash VARCHAR(64),
  ADD COLUMN api_token_last4 VARCHAR(4),
  -- Why the automation is paused when it paused itself (e.g. its template was disabled at Meta).
  ADD COLUMN status_reason TEXT,
  -- The rate guard: at most this many runs of the automation per contact per hour.
  ADD COLUMN max_runs_per_contact_hour INT NOT NULL DEFAULT 3 CHECK (max_runs_per_contact_hour > 0),
  -- schedule: the last cron slot (UTC) that fired; a missed run fires once, for the latest slot only.
  ADD COLUMN schedule_fired_at TIMESTAMP;
CREATE UNIQUE INDEX uq_automations_api_token ON automations(api_token_hash) WHERE api_token_hash IS NOT NULL;

-- The automation whose run queued a message: its statuses never trigger automations (no loops).
ALTER TABLE messages ADD COLUMN automation_id UUID REFERENCES automations(id) ON DELETE SET NULL;

-- A tenant's business hours: per weekday (mon..sun) a list of ["09:00", "18:00"] ranges, a zone
-- (null: the tenant's time_zone) and holidays (whole days closed).
CREATE TABLE business_hours (
  tenant_id UUID PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  time_zone VARCHAR(64) CHECK (time_zone IS NULL OR stats_is_time_zone(time_zone)),
  weekly JSONB NOT NULL,
  holidays DATE[] NOT NULL DEFAULT '{}',
  updated_at TIMESTAMP NOT NULL DEFAULT NOW()
);

-- Inbound messages and status events waiting for the automation worker to match them against the
-- tenant's webhook automations. Written by triggers in the transaction that stores the message or the
-- status, so an event is never lost; deleted in the transaction that creates its runs.
CREATE TABLE automation_events (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  kind VARCHAR(20) NOT NULL CHECK (kind IN ('message_received', 'message_status')),
  message_id UUID NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  status_id UUID REFERENCES message_statuses(id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX idx_automation_events_order ON automation_events(created_at, id);
CREATE INDEX idx_automation_events_tenant ON automation_events(tenant_id);

CREATE TABLE automation_runs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  automation_id UUID NOT NULL REFERENCES automations(id) ON DELETE CASCADE,
  -- What triggered it, e.g. message:<id>, status:<id>, schedule:<slot>:<contact>, api:<key>, manual:<id>,
  -- away:<conversation>:<local day>; unique per automation: the exactly-once key.
  trigger_key VARCHAR(300) NOT NULL,
  trigger_type VARCHAR(20) NOT NULL CHECK (trigger_type IN ('webhook', 'schedule', 'manual', 'api', 'retry')),
  contact_id UUID REFERENCES contacts(id) ON DELETE SET NULL,
  conversation_id UUID REFERENCES conversations(id) ON DELETE SET NULL,
  message_id UUID REFERENCES messages(id) ON DELETE SET NULL,
  variables JSONB NOT NULL DEFAULT '{}',
  status VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
  result TEXT,
  error TEXT,
  response_code INT,
  attempts INT NOT NULL DEFAULT 0,
  duration_ms INT,
  retry_of UUID REFERENCES automation_runs(id) ON DELETE SET NULL,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  started_at TIMESTAMP,
  finished_at TIMESTAMP,
  UNIQUE (automation_id, trigger_key)
);
CREATE INDEX idx_automation_runs_log ON automation_runs(tenant_id, automation_id, created_at DESC);
CREATE INDEX idx_automation_runs_pending ON automation_runs(created_at, id) WHERE status = 'pending';
CREATE INDEX idx_automation_runs_running ON automation_runs(started_at) WHERE status = 'running';
CREATE INDEX idx_automation_runs_rate ON automation_runs(automation_id, contact_id, created_at);

-- An inbound message is queued for matching only when its tenant has an active webhook automation
-- listening for messages. Statement-level with a transition table, like the stats triggers (V11): a
-- batch of a thousand inbound messages costs one INSERT … SELECT, and tenants without automations
-- pay one index probe per statement and tenant, not per row.
CREATE FUNCTION automation_enqueue_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_events (tenant_id, kind, message_id)
  SELECT n.tenant_id, 'message_received', n.id
  FROM new_rows n
  WHERE n.direction = 'inbound'
    AND n.tenant_id IN (SELECT a.tenant_id FROM automations a
                        WHERE a.trigger_type = 'webhook' AND a.status = 'active'
                          AND COALESCE(a.trigger_config->>'event', 'message_received') = 'message_received'
                          AND a.tenant_id IN (SELECT DISTINCT tenant_id FROM new_rows))
  ORDER BY n.created_at, n.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER trg_automation_enqueue_messages AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION automation_enqueue_messages();

-- A status event (sent, delivered, read, failed) of a message no automation sent (no loops).
CREATE FUNCTION automation_enqueue_statuses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_events (tenant_id, kind, message_id, status_id)
  SELECT n.tenant_id, 'message_status', n.message_id, n.id
  FROM new_rows n
  JOIN messages m ON m.id = n.message_id AND m.automation_id IS NULL
  WHERE n.tenant_id IN (SELECT a.tenant_id FROM automations a
                        WHERE a.trigger_type = 'webhook' AND a.status = 'active' AND a.trigger_config->>'event' = 'message_status'
                          AND a.tenant_id IN (SELECT DISTINCT tenant_id FROM new_rows))
  ORDER BY n.created_at, n.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER trg_automation_enqueue_statuses AFTER INSERT ON message_statuses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION automation_enqueue_statuses();

-- A template Meta paused, disabled or deleted pauses every active automation that sends it (as its template or its
-- fallback) at once, saying why — whoever changed the row (template sync, the template webhook, an admin).
CREATE FUNCTION automation_pause_for_template() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.status IN ('disabled', 'rejected') AND OLD.status IS DISTINCT FROM NEW.status)
     OR (NEW.deleted_at_meta IS NOT NULL AND OLD.deleted_at_meta IS NULL) THEN
    UPDATE automations a
       SET status = 'paused', updated_at = NOW(),
           status_reason = 'template ' || NEW.name || ' (' || NEW.language || ') cannot be sent: '
                           || CASE WHEN NEW.deleted_at_meta IS NOT NULL THEN 'deleted at Meta'
                                   ELSE COALESCE(lower(NEW.meta_status), NEW.status) END
                           || COALESCE(': ' || COALESCE(NEW.status_reason, NEW.rejection_reason), '')
     WHERE a.tenant_id = NEW.tenant_id AND a.status = 'active'
       AND ((a.action_type = 'send_template' AND a.action_config->>'name' = NEW.name AND a.action_config->>'language' = NEW.language)
         OR (a.action_type = 'send_message' AND a.action_config->'fallback_template'->>'name' = NEW.name
             AND a.action_config->'fallback_template'->>'language' = NEW.language));
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER trg_automation_pause_for_template AFTER UPDATE ON templates
  FOR EACH ROW EXECUTE FUNCTION automation_pause_for_template();

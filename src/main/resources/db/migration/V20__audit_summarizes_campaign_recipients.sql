-- The audit log copied a campaign's whole `recipients` array (the guide's column: one phone per recipient)
-- into its before/after JSON, and jsonb_object_agg over a 100,000-element value took over a minute inside the
-- campaign's own transaction (CampaignBenchmark: materializing 99,000 recipients went from 8 s to 156 s after
-- the audit log joined). The log now records how many recipients there are, and the counters a campaign's
-- worker recounts every few seconds are bookkeeping like a read marker, not an action anyone took.

-- A row as the log keeps it: an array of recipients becomes its count.
CREATE FUNCTION audit_summarized(r JSONB) RETURNS JSONB
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN r IS NOT NULL AND jsonb_typeof(r -> 'recipients') = 'array'
              THEN jsonb_set(r, '{recipients}', to_jsonb(jsonb_array_length(r -> 'recipients') || ' recipients'))
              ELSE r END
$$;

CREATE OR REPLACE FUNCTION audit_is_noise(column_name TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
  SELECT column_name IN ('updated_at', 'synced_at', 'last_seen_at', 'templates_synced_at', 'templates_sync_error', 'health_updated_at',
                         'status_at', 'quality_at', 'category_at', 'last_message_at', 'last_read_at', 'last_inbound_at', 'unread_count',
                         'awaiting_reply_since', 'opened_at',
                         -- a campaign's counters and waiting note, kept by its worker's recount
                         'sent_count', 'delivered_count', 'read_count', 'failed_count', 'excluded_count', 'limited_count', 'waiting_reason')
$$;

CREATE OR REPLACE FUNCTION audit_row_change() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  old_row JSONB := audit_summarized(CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END);
  new_row JSONB := audit_summarized(CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
  before JSONB := audit_without_secrets(old_row);
  after JSONB := audit_without_secrets(new_row);
  action TEXT := lower(TG_OP);
  row_id TEXT := COALESCE(new_row, old_row) ->> 'id';
  tenants UUID[];
  actor UUID;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Compared before the secrets are hidden, so a changed token is recorded as changed, not as what it is.
    SELECT audit_without_secrets(jsonb_object_agg(o.key, o.value)), audit_without_secrets(jsonb_object_agg(o.key, new_row -> o.key))
      INTO before, after
    FROM jsonb_each(old_row) o
    WHERE o.value IS DISTINCT FROM new_row -> o.key AND NOT audit_is_noise(o.key);
    IF before IS NULL THEN
      RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'conversations' THEN
      action := CASE
        WHEN after ? 'assigned_agent_id' AND (SELECT count(*) FROM jsonb_object_keys(after)) = 1
          THEN CASE WHEN after ->> 'assigned_agent_id' IS NULL THEN 'unassign' ELSE 'assign' END
        WHEN after ->> 'status' = 'closed' THEN 'close'
        WHEN after ->> 'status' = 'open' THEN 'reopen'
        WHEN after ->> 'status' = 'archived' THEN 'archive'
        ELSE 'update' END;
    END IF;
  END IF;
  IF TG_TABLE_NAME = 'tenants' THEN
    tenants := ARRAY[row_id::uuid];
  ELSIF TG_TABLE_NAME = 'agents' THEN
    SELECT array_agg(tenant_id) INTO tenants FROM agent_tenants WHERE agent_id = row_id::uuid;
  ELSE
    tenants := ARRAY[(COALESCE(new_row, old_row) ->> 'tenant_id')::uuid];
    IF TG_TABLE_NAME = 'agent_tenants' THEN
      row_id := COALESCE(new_row, old_row) ->> 'agent_id';
    END IF;
  END IF;
  SELECT id INTO actor FROM agents WHERE login = session_user;
  INSERT INTO audit_log (tenant_id, actor_login, actor_agent_id, action, object_type, object_id, before, after)
  SELECT t, session_user, actor, action, TG_TABLE_NAME, row_id, before, after
  FROM unnest(COALESCE(tenants, ARRAY[NULL::uuid])) AS t;
  RETURN NULL;
END
$$;

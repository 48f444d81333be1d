-- The audit log: who (the session's login and agent), when, what (action, table, row) and the change
-- (before → after, only the columns that changed). Written by triggers, so it records what happens in
-- the database whoever does it: an agent's desktop, psql with an agent's credentials, the service.
-- tenant_id has no foreign key: the record of a tenant's changes outlives the tenant, and an agent's
-- changes are recorded once per tenant they belong to (null: none). Agents cannot write it (no
-- privilege); admins read their tenants' part (team_table_rule), the owner all of it.
CREATE TABLE audit_log (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID,
  at TIMESTAMP NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'UTC'),
  actor_login VARCHAR(63) NOT NULL DEFAULT session_user,
  actor_agent_id UUID,
  action VARCHAR(30) NOT NULL,
  object_type VARCHAR(63) NOT NULL,
  object_id TEXT,
  before JSONB,
  after JSONB
);
CREATE INDEX idx_audit_log_tenant_at ON audit_log(tenant_id, at DESC, id DESC);

-- Columns whose change is bookkeeping, not an action anyone took: an update that changes only these
-- records nothing (a template sync that finds nothing new, a heartbeat, a read marker).
CREATE FUNCTION audit_is_noise(column_name TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
  SELECT column_name IN ('updated_at', 'synced_at', 'last_seen_at', 'templates_synced_at', 'templates_sync_error', 'health_updated_at',
                         'status_at', 'quality_at', 'category_at', 'last_message_at', 'last_read_at', 'last_inbound_at', 'unread_count',
                         'awaiting_reply_since', 'opened_at')
$$;

-- A row as JSON with its secrets replaced by a mark: the log says a token changed, never what it is.
CREATE FUNCTION audit_without_secrets(r JSONB) RETURNS JSONB
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT COALESCE(jsonb_object_agg(key, CASE WHEN team_is_secret_column(key) AND value <> 'null'::jsonb THEN to_jsonb('(hidden)'::text) ELSE value END), '{}')
  FROM jsonb_each(r)
$$;

CREATE FUNCTION audit_row_change() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  old_row JSONB := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row JSONB := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
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

CREATE TRIGGER audit_tenants AFTER INSERT OR UPDATE OR DELETE ON tenants FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_whatsapp_accounts AFTER INSERT OR UPDATE OR DELETE ON whatsapp_accounts FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_templates AFTER INSERT OR UPDATE OR DELETE ON templates FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_campaigns AFTER INSERT OR UPDATE OR DELETE ON campaigns FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_automations AFTER INSERT OR UPDATE OR DELETE ON automations FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_agents AFTER INSERT OR UPDATE OR DELETE ON agents FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_agent_tenants AFTER INSERT OR UPDATE OR DELETE ON agent_tenants FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit_contacts AFTER INSERT OR UPDATE OR DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION audit_row_change();
-- Conversations: assignments, closes, reopens and archiving, not every new message's bookkeeping.
CREATE TRIGGER audit_conversations AFTER UPDATE OF status, assigned_agent_id ON conversations FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- A sign-in: the desktop calls it once connected with the agent's own credentials. Refuses a disabled
-- agent and a login that is no agent, in one sentence the sign-in dialog shows as it is.
CREATE FUNCTION team_sign_in() RETURNS UUID
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  a agents;
BEGIN
  SELECT * INTO a FROM agents WHERE login = session_user;
  -- The owner (a server set up with trust logins and no DB_PASSWORD reaches the dialog too) is let in as
  -- itself: it is no agent and not limited.
  IF team_is_owner() THEN
    INSERT INTO audit_log (tenant_id, actor_login, actor_agent_id, action, object_type, object_id)
    VALUES (NULL, session_user, a.id, 'sign_in', 'agents', a.id::text);
    RETURN a.id;
  END IF;
  IF a.id IS NULL THEN
    RAISE EXCEPTION 'The login % is not an agent of this Switchboard database; an admin adds it with `agent add`.', session_user USING ERRCODE = '28000';
  END IF;
  IF a.status <> 'active' THEN
    RAISE EXCEPTION 'The agent % is disabled; an admin can enable it again.', session_user USING ERRCODE = '28000';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM agent_tenants WHERE agent_id = a.id) THEN
    RAISE EXCEPTION 'The agent % belongs to no tenant yet; an admin adds one with `agent role`.', session_user USING ERRCODE = '28000';
  END IF;
  INSERT INTO audit_log (tenant_id, actor_login, actor_agent_id, action, object_type, object_id)
  SELECT m.tenant_id, session_user, a.id, 'sign_in', 'agents', a.id::text FROM agent_tenants m WHERE m.agent_id = a.id;
  RETURN a.id;
END
$$;

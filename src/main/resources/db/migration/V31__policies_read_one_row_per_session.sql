-- Row-level security at the owner's cost on the inbox list (issue 13: "RLS costs less than 10 % on the
-- inbox benchmarks"; V30 left the keyset list at +11.6 %).
--
-- Where an agent's statement spent its extra time (EXPLAIN of the list's pages, 5 policy-bearing table
-- references, custom plans as the app's prepared statements get them): about half in the InitPlans, each
-- a PL/pgSQL call of team_tenants() whose first call in a statement costs ~50 us and each further one
-- ~20 us (an executor start for a two-table join through a view, per call); most of the rest in planning
-- the agents table's policy, a subquery over agent_tenants that carries agent_tenants' own policy.
--
-- Now:
-- * team_access keeps, per active agent login, the tenants where they hold each rank, as three arrays.
--   Triggers on agents and agent_tenants rewrite an agent's row in the same transaction as the change,
--   so `agent disable`, `agent role` and a removed membership act at once on open sessions, as before;
--   nothing is cached per session. Only the owner writes it.
-- * its own row-level security (policy session_row_only: login = session_user) lets an agent read their
--   own row and no other. Not a security_barrier view, as V30's team_session_tenants: a view's subquery
--   cannot be flattened and is planned apart, five times in the list's statement, which cost as much as
--   what the lookup saved (measured); a table's own policy is a qual on its scan, evaluated before any
--   function of the agent's (a leaky function sees only the agent's own row).
-- * every tenant policy reads it inline: tenant_id = ANY ((SELECT s.<role>_tenants FROM team_access
--   s)::uuid[]). An InitPlan as before, but a one-row lookup inside the statement's own executor instead
--   of a PL/pgSQL call, and one small relation to plan. A policy expression is bound to the table's OID
--   when it is made: nothing an agent plants in pg_temp redirects it.
-- * agents' policies read the other agents of the session's tenants through team_colleagues(), an
--   InitPlan evaluated only when a row is not the session's own.
-- Measured in BENCHMARKS.md ("Row-level security: one-row lookup", V31). Re-runnable (RlsInboxBenchmark runs
-- it again as its "after").

CREATE TABLE IF NOT EXISTS team_access (
  login TEXT PRIMARY KEY,
  agent_id UUID NOT NULL UNIQUE,
  agent_tenants UUID[] NOT NULL,
  supervisor_tenants UUID[] NOT NULL,
  admin_tenants UUID[] NOT NULL
);
REVOKE ALL ON team_access FROM PUBLIC;

-- The row of one agent, from agents and agent_tenants (none while the agent is disabled or removed).
CREATE OR REPLACE FUNCTION team_access_write(p_agent UUID, p_login TEXT) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM team_access WHERE agent_id = p_agent OR login = p_login;
  INSERT INTO team_access (login, agent_id, agent_tenants, supervisor_tenants, admin_tenants)
  SELECT a.login, a.id,
         ARRAY(SELECT m.tenant_id FROM agent_tenants m WHERE m.agent_id = a.id ORDER BY m.tenant_id),
         ARRAY(SELECT m.tenant_id FROM agent_tenants m WHERE m.agent_id = a.id AND team_role_rank(m.role) >= 2 ORDER BY m.tenant_id),
         ARRAY(SELECT m.tenant_id FROM agent_tenants m WHERE m.agent_id = a.id AND team_role_rank(m.role) >= 3 ORDER BY m.tenant_id)
  FROM agents a WHERE a.id = p_agent AND a.status = 'active';
END
$$;
REVOKE ALL ON FUNCTION team_access_write(UUID, TEXT) FROM PUBLIC;

CREATE OR REPLACE FUNCTION team_access_follow_agents() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM team_access;
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM team_access WHERE agent_id = OLD.id;
  ELSE
    IF TG_OP = 'UPDATE' AND OLD.login IS DISTINCT FROM NEW.login THEN
      DELETE FROM team_access WHERE login = OLD.login;
    END IF;
    PERFORM team_access_write(NEW.id, NEW.login);
  END IF;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION team_access_follow_memberships() RETURNS TRIGGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  a RECORD;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE team_access SET agent_tenants = '{}', supervisor_tenants = '{}', admin_tenants = '{}';
    RETURN NULL;
  END IF;
  FOR a IN SELECT id, login FROM agents
           WHERE id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.agent_id END,
                        CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.agent_id END) LOOP
    PERFORM team_access_write(a.id, a.login);
  END LOOP;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS team_access_follow ON agents;
DROP TRIGGER IF EXISTS team_access_follow_truncate ON agents;
DROP TRIGGER IF EXISTS team_access_follow ON agent_tenants;
DROP TRIGGER IF EXISTS team_access_follow_truncate ON agent_tenants;
CREATE TRIGGER team_access_follow AFTER INSERT OR DELETE OR UPDATE OF id, login, status ON agents
  FOR EACH ROW EXECUTE FUNCTION team_access_follow_agents();
CREATE TRIGGER team_access_follow_truncate AFTER TRUNCATE ON agents
  FOR EACH STATEMENT EXECUTE FUNCTION team_access_follow_agents();
CREATE TRIGGER team_access_follow AFTER INSERT OR DELETE OR UPDATE ON agent_tenants
  FOR EACH ROW EXECUTE FUNCTION team_access_follow_memberships();
CREATE TRIGGER team_access_follow_truncate AFTER TRUNCATE ON agent_tenants
  FOR EACH STATEMENT EXECUTE FUNCTION team_access_follow_memberships();

SELECT team_access_write(a.id, a.login) FROM agents a;

-- An agent reads their own row (the policies do, as the agent); the owner, not subject to row-level
-- security, reads and writes them all. The policy's name is not team_*: team_access_apply and the loop
-- below manage those.
ALTER TABLE team_access ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS session_row_only ON team_access;
CREATE POLICY session_row_only ON team_access FOR SELECT USING (login = session_user::text);

-- The agents who share a tenant with the session's agent, where the session holds at least min_role.
-- Caller's rights, every name schema-qualified (V30 says why), hence EXECUTE.
DO $do$
BEGIN
  EXECUTE format($fn$
    CREATE OR REPLACE FUNCTION %1$I.team_colleagues(min_role TEXT) RETURNS UUID[]
    LANGUAGE plpgsql STABLE AS $body$
    BEGIN
      RETURN ARRAY(SELECT m.agent_id FROM %1$I.agent_tenants m
                   WHERE m.tenant_id OPERATOR(pg_catalog.=) ANY (%1$I.team_tenants(min_role)));
    END
    $body$
  $fn$, current_schema());
END
$do$;

-- As in V30, and: the policies read team_access; agents' policies call team_colleagues().
CREATE OR REPLACE FUNCTION team_access_apply() RETURNS VOID
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  t RECORD;
  rule RECORD;
  f RECORD;
  p RECORD;
  v_cmd TEXT;
  v_role TEXT;
  key_column TEXT;
  v_expr TEXT;
  v_policy TEXT;
  wanted TEXT[];
  readable TEXT[];
  secret TEXT[];
  v_col TEXT;
  group_exists BOOLEAN;
BEGIN
  -- An agent's session (which checks migrations at sign-in) owns nothing and changes nothing.
  IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'tenants'::regclass), 'USAGE') THEN
    RETURN;
  END IF;

  -- The group every agent login is granted. Creating it needs CREATEROLE; without it the policies are
  -- still put in place (nobody but the owner can read anything then) and `agent add` says what is missing.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_agents')
     AND (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    BEGIN
      CREATE ROLE switchboard_agents NOLOGIN;
    EXCEPTION WHEN duplicate_object THEN
      NULL; -- another database of the same server created it a moment ago
    END;
  END IF;
  group_exists := EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_agents');

  FOR t IN
    SELECT c.oid, c.oid::regclass AS tbl, c.relname, c.relrowsecurity,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS scoped
    FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      AND pg_has_role(current_user, c.relowner, 'USAGE')
      AND (c.relname = 'tenants' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped))
  LOOP
    IF t.relname = 'tenants' THEN
      key_column := 'id';
      SELECT 'agent' AS read_role, 'service' AS insert_role, 'admin' AS update_role, 'service' AS delete_role, NULL::text AS insert_check INTO rule;
    ELSE
      key_column := 'tenant_id';
      SELECT * INTO rule FROM team_table_rule(t.relname);
    END IF;

    -- Policies named team_<command>_<role>[_<check hash>]: the name says the whole rule, so one that
    -- exists is right and one that is not wanted any more is dropped.
    wanted := '{}';
    FOREACH v_cmd IN ARRAY ARRAY['select', 'insert', 'update', 'delete'] LOOP
      v_role := CASE v_cmd WHEN 'select' THEN rule.read_role WHEN 'insert' THEN rule.insert_role
                       WHEN 'update' THEN rule.update_role ELSE rule.delete_role END;
      CONTINUE WHEN team_role_rank(v_role) > 3;
      v_expr := format('%I = ANY ((SELECT s.%I FROM team_access s)::uuid[])', key_column, v_role || '_tenants');
      v_policy := 'team_' || v_cmd || '_' || v_role;
      IF v_cmd = 'insert' AND rule.insert_check IS NOT NULL THEN
        v_policy := v_policy || '_' || left(md5(rule.insert_check), 8);
        v_expr := v_expr || ' AND (' || rule.insert_check || ')';
      END IF;
      wanted := wanted || v_policy;
      IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = t.oid AND polname = v_policy) THEN
        EXECUTE CASE v_cmd
          WHEN 'select' THEN format('CREATE POLICY %I ON %s FOR SELECT USING (%s)', v_policy, t.tbl, v_expr)
          WHEN 'insert' THEN format('CREATE POLICY %I ON %s FOR INSERT WITH CHECK (%s)', v_policy, t.tbl, v_expr)
          WHEN 'update' THEN format('CREATE POLICY %I ON %s FOR UPDATE USING (%s) WITH CHECK (%s)', v_policy, t.tbl, v_expr, v_expr)
          ELSE format('CREATE POLICY %I ON %s FOR DELETE USING (%s)', v_policy, t.tbl, v_expr) END;
      END IF;
    END LOOP;
    FOR p IN SELECT polname FROM pg_policy WHERE polrelid = t.oid AND polname LIKE 'team\_%' AND NOT polname = ANY (wanted) LOOP
      EXECUTE format('DROP POLICY %I ON %s', p.polname, t.tbl);
    END LOOP;
    IF NOT t.relrowsecurity THEN
      EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t.tbl);
    END IF;

    CONTINUE WHEN NOT group_exists;
    -- Table privileges of the group, secrets excepted: a table with a secret column is readable column by column.
    SELECT array_agg(a.attname ORDER BY a.attnum) FILTER (WHERE NOT team_is_secret_column(a.attname)),
           array_agg(a.attname ORDER BY a.attnum) FILTER (WHERE team_is_secret_column(a.attname))
      INTO readable, secret
      FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped;
    IF team_role_rank(rule.read_role) > 3 THEN
      IF has_any_column_privilege('switchboard_agents', t.oid, 'SELECT') THEN
        EXECUTE format('REVOKE SELECT ON %s FROM switchboard_agents', t.tbl);
      END IF;
    ELSIF secret IS NULL THEN
      IF NOT has_table_privilege('switchboard_agents', t.oid, 'SELECT') THEN
        EXECUTE format('GRANT SELECT ON %s TO switchboard_agents', t.tbl);
      END IF;
    ELSE
      IF has_table_privilege('switchboard_agents', t.oid, 'SELECT') THEN
        EXECUTE format('REVOKE SELECT ON %s FROM switchboard_agents', t.tbl);
      END IF;
      FOREACH v_col IN ARRAY secret LOOP
        IF has_column_privilege('switchboard_agents', t.oid, v_col, 'SELECT') THEN
          EXECUTE format('REVOKE SELECT (%I) ON %s FROM switchboard_agents', v_col, t.tbl);
        END IF;
      END LOOP;
      FOREACH v_col IN ARRAY readable LOOP
        IF NOT has_column_privilege('switchboard_agents', t.oid, v_col, 'SELECT') THEN
          EXECUTE format('GRANT SELECT (%I) ON %s TO switchboard_agents', v_col, t.tbl);
        END IF;
      END LOOP;
    END IF;
    FOREACH v_cmd IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      v_role := CASE v_cmd WHEN 'insert' THEN rule.insert_role WHEN 'update' THEN rule.update_role ELSE rule.delete_role END;
      IF team_role_rank(v_role) <= 3 AND NOT has_table_privilege('switchboard_agents', t.oid, v_cmd) THEN
        EXECUTE format('GRANT %s ON %s TO switchboard_agents', v_cmd, t.tbl);
      ELSIF team_role_rank(v_role) > 3 AND has_table_privilege('switchboard_agents', t.oid, v_cmd) THEN
        EXECUTE format('REVOKE %s ON %s FROM switchboard_agents', v_cmd, t.tbl);
      END IF;
    END LOOP;
  END LOOP;

  -- agents has no tenant_id: an agent sees themselves and the agents of their tenants, updates their own
  -- row (presence) and, as an admin, the agents of their tenants; an admin adds agents (`agent add`).
  -- The other agents of the session's tenants come from team_colleagues(): one InitPlan, run only when a
  -- row is not the session's own, where a subquery here would be planned (with agent_tenants' own policy)
  -- in every statement that reads agents, the inbox list included.
  IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = 'agents'::regclass AND polname = 'team_select_agent') THEN
    CREATE POLICY team_select_agent ON agents FOR SELECT
      USING (login = session_user OR id = ANY ((SELECT team_colleagues('agent'))::uuid[]));
    CREATE POLICY team_insert_admin ON agents FOR INSERT
      WITH CHECK (cardinality((SELECT s.admin_tenants FROM team_access s)::uuid[]) > 0);
    CREATE POLICY team_update_admin ON agents FOR UPDATE
      -- A disabled agent cannot touch even their own row: an open session must not re-enable itself.
      USING (login = session_user AND status = 'active' OR id = ANY ((SELECT team_colleagues('admin'))::uuid[]))
      WITH CHECK (login = session_user AND status = 'active' OR id = ANY ((SELECT team_colleagues('admin'))::uuid[]));
    ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
  END IF;

  IF group_exists THEN
    IF NOT has_column_privilege('switchboard_agents', 'agents'::regclass, 'login', 'SELECT') THEN
      GRANT SELECT ON agents TO switchboard_agents;
      GRANT INSERT (id, login, display_name, status) ON agents TO switchboard_agents;
      GRANT UPDATE (display_name, status, last_seen_at) ON agents TO switchboard_agents;
    END IF;
    -- Every policy reads the session's tenants from team_access (its own policy shows an agent their own
    -- row only); team_tenants() (the search, team_colleagues) reads them through team_session_tenants.
    IF NOT has_table_privilege('switchboard_agents', 'team_access'::regclass, 'SELECT') THEN
      GRANT SELECT ON team_access TO switchboard_agents;
    END IF;
    IF NOT has_table_privilege('switchboard_agents', 'team_session_tenants'::regclass, 'SELECT') THEN
      GRANT SELECT ON team_session_tenants TO switchboard_agents;
    END IF;
    -- The sign-in checks that the schema is current.
    IF to_regclass('flyway_schema_history') IS NOT NULL AND NOT has_table_privilege('switchboard_agents', 'flyway_schema_history', 'SELECT')
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'flyway_schema_history'::regclass), 'USAGE') THEN
      GRANT SELECT ON flyway_schema_history TO switchboard_agents;
    END IF;
    FOR f IN SELECT c.oid::regclass AS seq FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S' AND pg_has_role(current_user, c.relowner, 'USAGE')
               AND CASE WHEN c.relkind = 'S' THEN NOT has_sequence_privilege('switchboard_agents', c.oid, 'USAGE') END LOOP
      EXECUTE format('GRANT USAGE ON SEQUENCE %s TO switchboard_agents', f.seq);
    END LOOP;
  END IF;

  -- Triggers keep derived rows (counters, response times, job queues, the audit log) in step with the
  -- rows an agent writes; those derived tables are the service's, so the trigger functions run with
  -- their owner's rights. Functions of extensions are left alone.
  FOR f IN
    SELECT fp.oid::regprocedure AS fn FROM pg_proc fp
    WHERE fp.pronamespace = current_schema()::regnamespace AND fp.prorettype = 'trigger'::regtype AND NOT fp.prosecdef
      AND pg_has_role(current_user, fp.proowner, 'USAGE')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = fp.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp', f.fn, current_schema());
  END LOOP;

  -- `SET search_path FROM CURRENT` leaves pg_temp where PostgreSQL puts it when it is not named: FIRST,
  -- for tables and views. An agent may create temporary tables; one named tenants, agents or
  -- agent_tenants (granted to PUBLIC) would then be what a SECURITY DEFINER function reads as its owner,
  -- e.g. team_is_owner() answering yes inside team_search_conversations, which then returned another
  -- tenant's conversation ids (RowLevelSecurityTest plants exactly that). So every function of the schema
  -- that runs with its owner's rights or sets its own search_path looks in the schema, then in pg_temp.
  -- Here, after every migrate, so a function a later migration (re)creates is covered too.
  FOR f IN
    SELECT fp.oid::regprocedure AS fn FROM pg_proc fp
    WHERE fp.pronamespace = current_schema()::regnamespace AND pg_has_role(current_user, fp.proowner, 'USAGE')
      AND (fp.prosecdef OR EXISTS (SELECT 1 FROM unnest(fp.proconfig) g WHERE g LIKE 'search\_path=%'))
      AND NOT EXISTS (SELECT 1 FROM unnest(fp.proconfig) g WHERE g = format('search_path=%I, pg_temp', current_schema()))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = fp.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f.fn, current_schema());
  END LOOP;
END
$$;


-- The policies are named by their rule, not their expression: drop them all, team_access_apply makes
-- them again reading team_access (in this transaction: no moment without policies).
DO $do$
DECLARE
  old RECORD;
BEGIN
  FOR old IN SELECT pol.polname, pol.polrelid::regclass AS tbl FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
             WHERE c.relnamespace = current_schema()::regnamespace AND pol.polname LIKE 'team\_%'
               AND pg_has_role(current_user, c.relowner, 'USAGE') LOOP
    EXECUTE format('DROP POLICY %I ON %s', old.polname, old.tbl);
  END LOOP;
END
$do$;

SELECT team_access_apply();

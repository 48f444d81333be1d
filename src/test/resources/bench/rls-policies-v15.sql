-- An extra variant for RlsInboxBenchmark (name it on the command line): team_tenants and team_access_apply
-- as V15 made them (copied verbatim from V15__team_access.sql): every policy reads
-- (SELECT team_tenants('<role>')), a PL/pgSQL SECURITY DEFINER function with a SET clause. Every team
-- policy is dropped and made again by that version (so this also undoes the other variants). The default
-- comparison is V30 (bench/rls-drop-team-policies.sql, then the V30 migration again) against V31.
CREATE OR REPLACE FUNCTION team_tenants(min_role TEXT) RETURNS UUID[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  -- PL/pgSQL, not SQL: its plan is cached for the session, where a SQL function's body is planned again
  -- in every statement that calls it (a tenth of a millisecond per table of every query, measured).
  RETURN (SELECT COALESCE(array_agg(m.tenant_id), '{}')
          FROM agents a JOIN agent_tenants m ON m.agent_id = a.id
          WHERE a.login = session_user AND a.status = 'active'
            AND team_role_rank(m.role) >= team_role_rank(min_role));
END
$$;

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
      v_expr := format('%I = ANY ((SELECT team_tenants(%L))::uuid[])', key_column, v_role);
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
  IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = 'agents'::regclass AND polname = 'team_select_agent') THEN
    CREATE POLICY team_select_agent ON agents FOR SELECT USING (login = session_user OR id IN (
      SELECT m.agent_id FROM agent_tenants m WHERE m.tenant_id = ANY ((SELECT team_tenants('agent'))::uuid[])));
    CREATE POLICY team_insert_admin ON agents FOR INSERT WITH CHECK (cardinality((SELECT team_tenants('admin'))::uuid[]) > 0);
    CREATE POLICY team_update_admin ON agents FOR UPDATE
      -- A disabled agent cannot touch even their own row: an open session must not re-enable itself.
      USING (login = session_user AND status = 'active'
             OR id IN (SELECT m.agent_id FROM agent_tenants m WHERE m.tenant_id = ANY ((SELECT team_tenants('admin'))::uuid[])))
      WITH CHECK (login = session_user AND status = 'active'
                  OR id IN (SELECT m.agent_id FROM agent_tenants m WHERE m.tenant_id = ANY ((SELECT team_tenants('admin'))::uuid[])));
    ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
  END IF;

  IF group_exists THEN
    IF NOT has_column_privilege('switchboard_agents', 'agents'::regclass, 'login', 'SELECT') THEN
      GRANT SELECT ON agents TO switchboard_agents;
      GRANT INSERT (id, login, display_name, status) ON agents TO switchboard_agents;
      GRANT UPDATE (display_name, status, last_seen_at) ON agents TO switchboard_agents;
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
END
$$;

DO $$
DECLARE
  p RECORD;
BEGIN
  FOR p IN SELECT pol.polname, pol.polrelid::regclass AS tbl FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
           WHERE c.relnamespace = current_schema()::regnamespace AND pol.polname LIKE 'team\_%' LOOP
    EXECUTE format('DROP POLICY %I ON %s', p.polname, p.tbl);
  END LOOP;
END
$$;
SELECT team_access_apply();

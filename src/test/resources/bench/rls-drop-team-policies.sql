-- RlsInboxBenchmark: every team policy of the schema dropped, so the migration run after this (V30, made
-- re-runnable by it) makes them again its own way; all in the same transaction.
DO $$
DECLARE
  old RECORD;
BEGIN
  FOR old IN SELECT pol.polname, pol.polrelid::regclass AS tbl FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
             WHERE c.relnamespace = current_schema()::regnamespace AND pol.polname LIKE 'team\_%' LOOP
    EXECUTE format('DROP POLICY %I ON %s', old.polname, old.tbl);
  END LOOP;
END
$$;

-- Inbox search for team agents, at the owner's speed. Under row-level security PostgreSQL will not let a
-- condition that might leak values (ILIKE, full-text @@: not LEAKPROOF, and only a superuser may mark
-- them) drive an index ahead of a policy, so an agent's search filtered every message of the tenant
-- (4.6 times the owner's time, BENCHMARKS.md). This function checks once that the session may read the
-- tenant, then runs the same indexed search as the owner (SECURITY DEFINER) and returns only conversation
-- ids of that tenant; the caller's query still reads the conversations themselves under its policies.
-- Planned at each call (EXECUTE) so the planner sees the pattern, as it does for the owner's inline query.
CREATE FUNCTION team_search_conversations(p_tenant UUID, p_text TEXT, p_phone TEXT) RETURNS SETOF UUID
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  IF NOT (team_is_owner() OR p_tenant = ANY (team_tenants('agent'))) THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    RETURN QUERY EXECUTE
      'SELECT s.id FROM conversations s JOIN contacts k ON k.id = s.contact_id'
      || ' WHERE s.tenant_id = $1 AND k.tenant_id = $1 AND (k.name ILIKE $2 OR k.phone LIKE $3)'
      || ' UNION SELECT m.conversation_id FROM messages m WHERE m.tenant_id = $1 AND m.content ILIKE $2'
      USING p_tenant, p_text, p_phone;
  ELSE
    RETURN QUERY EXECUTE
      'SELECT s.id FROM conversations s JOIN contacts k ON k.id = s.contact_id'
      || ' WHERE s.tenant_id = $1 AND k.tenant_id = $1'
      || ' AND (to_tsvector(''simple'', COALESCE(k.name, '''')) @@ to_tsquery(''simple'', $2) OR k.phone LIKE $3)'
      || ' UNION SELECT m.conversation_id FROM messages m WHERE m.tenant_id = $1'
      || ' AND to_tsvector(''simple'', COALESCE(m.content, '''')) @@ to_tsquery(''simple'', $2)'
      USING p_tenant, p_text, p_phone;
  END IF;
END
$$;

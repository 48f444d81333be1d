-- Access rules for the tables the campaigns, automations, team inbox and media features added next to
-- V15's row-level security (which covers them already by tenant): who of a tenant may write them.
-- team_access_apply() runs after every migrate and brings policies and grants in line with this.
CREATE OR REPLACE FUNCTION team_table_rule(table_name TEXT,
    OUT read_role TEXT, OUT insert_role TEXT, OUT update_role TEXT, OUT delete_role TEXT, OUT insert_check TEXT)
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  SELECT r.read_role, r.insert_role, r.update_role, r.delete_role, r.insert_check
    INTO read_role, insert_role, update_role, delete_role, insert_check FROM (VALUES
    -- An agent queues messages (an INSERT of an outbound, queued row, as themselves or as nobody);
    -- sending, statuses and deletion belong to the service.
    ('messages', 'agent', 'agent', 'service', 'service',
       $c$direction = 'outbound' AND status = 'queued' AND (sent_by_agent_id IS NULL OR sent_by_agent_id = (SELECT team_agent_id()))$c$),
    ('message_statuses', 'agent', 'service', 'service', 'service', NULL),
    ('contacts', 'agent', 'agent', 'agent', 'supervisor', NULL),
    ('conversations', 'agent', 'agent', 'agent', 'admin', NULL),
    ('agent_tenants', 'agent', 'admin', 'admin', 'admin', NULL),
    ('whatsapp_accounts', 'agent', 'admin', 'admin', 'admin', NULL),
    ('templates', 'agent', 'admin', 'admin', 'admin', NULL),
    ('campaign%', 'supervisor', 'admin', 'admin', 'admin', NULL),
    ('automation%', 'admin', 'admin', 'admin', 'admin', NULL),
    ('stats%', 'supervisor', 'service', 'service', 'service', NULL),
    ('response_times', 'supervisor', 'service', 'service', 'service', NULL),
    ('audit_log', 'admin', 'service', 'service', 'service', NULL),
    ('send_rate_buckets', 'service', 'service', 'service', 'service', NULL),
    ('webhook_events', 'service', 'service', 'service', 'service', NULL),
    ('label%', 'agent', 'supervisor', 'supervisor', 'supervisor', NULL),
    ('canned%', 'agent', 'supervisor', 'supervisor', 'supervisor', NULL),
    -- V14: business hours are the tenant's, set by its admins; everyone reads them (the away message).
    ('business_hours', 'agent', 'admin', 'admin', 'admin', NULL),
    -- V16: automatic assignment is set by supervisors; the round-robin pointer is moved by the service.
    ('assignment_rules', 'agent', 'supervisor', 'supervisor', 'supervisor', NULL),
    -- V17: an agent stores a file they send and reads every file of their tenants; downloads and uploads
    -- are the service's work, which agents only watch (the bubble's state).
    ('media_files', 'agent', 'agent', 'service', 'service', NULL),
    ('media_downloads', 'agent', 'service', 'service', 'service', NULL),
    ('media_uploads', 'agent', 'service', 'service', 'service', NULL)
  ) AS r(pattern, read_role, insert_role, update_role, delete_role, insert_check)
  WHERE table_name LIKE r.pattern
  ORDER BY r.pattern = table_name DESC, length(r.pattern) DESC
  LIMIT 1;
  IF read_role IS NULL THEN
    read_role := 'agent'; insert_role := 'agent'; update_role := 'agent'; delete_role := 'agent';
  END IF;
END
$$;

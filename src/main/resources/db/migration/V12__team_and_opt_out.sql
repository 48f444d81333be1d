-- Shared ground for campaigns, automations and the team inbox, laid once so each builds on the same
-- columns: who opted out, who the agents are, who a conversation is assigned to, who sent a message.

-- Opt-out: a contact who asked not to be messaged (null: may receive campaigns). The source says who
-- set it ('keyword' for an inbound STOP, 'agent', 'automation', 'import').
ALTER TABLE contacts
  ADD COLUMN opted_out_at TIMESTAMP,
  ADD COLUMN opt_out_source VARCHAR(40);
CREATE INDEX idx_contacts_opted_out ON contacts(tenant_id) WHERE opted_out_at IS NOT NULL;

-- The inbound texts that opt a contact out, per tenant, compared case- and accent-insensitively.
ALTER TABLE tenants
  ADD COLUMN opt_out_keywords TEXT[] NOT NULL DEFAULT ARRAY['STOP', 'UNSUBSCRIBE', 'STOPALL', 'CANCEL', 'END', 'QUIT'];

-- The people who answer. In team mode login is the agent's own PostgreSQL role (hence 63, the
-- longest role name); in solo mode the one owner's row carries the app's role name. The agent a
-- session acts as is always the row whose login = session_user, so the database and the app agree.
CREATE TABLE agents (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  login VARCHAR(63) NOT NULL UNIQUE,
  display_name VARCHAR(150) NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  last_seen_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL DEFAULT NOW()
);

-- An agent's role in each tenant they work for.
CREATE TABLE agent_tenants (
  agent_id UUID NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  role VARCHAR(20) NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  PRIMARY KEY (agent_id, tenant_id)
);
CREATE INDEX idx_agent_tenants_tenant ON agent_tenants(tenant_id);

ALTER TABLE conversations ADD COLUMN assigned_agent_id UUID REFERENCES agents(id) ON DELETE SET NULL;
CREATE INDEX idx_conversations_assignee ON conversations(tenant_id, assigned_agent_id);

-- The agent who wrote an outbound message (null: sent by the system, a campaign or an automation).
ALTER TABLE messages ADD COLUMN sent_by_agent_id UUID REFERENCES agents(id) ON DELETE SET NULL;

-- The team inbox (issue 13, the working side): automatic assignment, private notes with mentions,
-- labels, canned replies and who is typing. Agents, their tenants, conversations.assigned_agent_id
-- and messages.sent_by_agent_id come from V12. Every table carries tenant_id, so the row-level
-- security that covers tenant-scoped tables covers these too.

-- Automatic assignment per tenant: off, or round robin among online agents, each up to a cap of
-- open conversations. last_agent_id is the round's pointer; the row is locked while a worker assigns,
-- so two processes never hand out the same turn twice.
CREATE TABLE assignment_rules (
  tenant_id UUID PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  mode VARCHAR(20) NOT NULL DEFAULT 'off' CHECK (mode IN ('off', 'round_robin')),
  max_open_per_agent INTEGER NOT NULL DEFAULT 20 CHECK (max_open_per_agent BETWEEN 1 AND 1000),
  last_agent_id UUID REFERENCES agents(id) ON DELETE SET NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT NOW()
);

-- Open conversations per assignee (the cap) and the unassigned ones waiting for a turn.
CREATE INDEX idx_conversations_open_assignee ON conversations(tenant_id, assigned_agent_id) WHERE status = 'open';

-- Private notes: written in the thread, read by the team, never sent to the customer.
CREATE TABLE conversation_notes (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  author_agent_id UUID REFERENCES agents(id) ON DELETE SET NULL,
  body TEXT NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4000),
  created_at TIMESTAMP NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_conversation_notes_thread ON conversation_notes(tenant_id, conversation_id, created_at);

-- An @mention in a note: the mentioned agent's notification until they read it.
CREATE TABLE note_mentions (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  note_id UUID NOT NULL REFERENCES conversation_notes(id) ON DELETE CASCADE,
  agent_id UUID NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  read_at TIMESTAMP,
  PRIMARY KEY (note_id, agent_id)
);
CREATE INDEX idx_note_mentions_unread ON note_mentions(agent_id, tenant_id) WHERE read_at IS NULL;

-- Labels per tenant, on conversations; campaign audiences and automation conditions read them too.
CREATE TABLE labels (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name VARCHAR(50) NOT NULL CHECK (btrim(name) <> ''),
  color VARCHAR(7) NOT NULL CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
  created_at TIMESTAMP NOT NULL DEFAULT NOW()
);
CREATE UNIQUE INDEX uq_labels_tenant_name ON labels(tenant_id, lower(name));

CREATE TABLE conversation_labels (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  label_id UUID NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX idx_conversation_labels_label ON conversation_labels(tenant_id, label_id, conversation_id);

-- Canned replies: typed as /shortcut in the composer; the body may hold {{contact.name}} and the like.
CREATE TABLE canned_replies (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  shortcut VARCHAR(40) NOT NULL CHECK (shortcut ~ '^[a-z0-9][a-z0-9_-]*$'),
  body TEXT NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 4096),
  updated_by_agent_id UUID REFERENCES agents(id) ON DELETE SET NULL,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMP NOT NULL DEFAULT NOW(),
  UNIQUE (tenant_id, shortcut)
);

-- Who is typing where: one row per agent and conversation, refreshed while they type; rows older
-- than a few seconds mean nothing and are ignored (and overwritten the next time).
CREATE TABLE conversation_typing (
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id UUID NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  agent_id UUID NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
  typed_at TIMESTAMP NOT NULL DEFAULT NOW(),
  PRIMARY KEY (conversation_id, agent_id)
);
CREATE INDEX idx_conversation_typing_tenant ON conversation_typing(tenant_id, typed_at);

-- "Just answered": the newest replies an agent wrote, per tenant.
CREATE INDEX idx_messages_agent_replies ON messages(tenant_id, created_at) WHERE sent_by_agent_id IS NOT NULL;

-- Adds what the WhatsApp pipeline, the inbox and campaigns need.
-- Rule: the guide's four tables only gain columns and indexes here; nothing is renamed,
-- retyped or dropped. The guide's second (older) schema's tables arrive in the V1 style:
-- snake_case, UUID keys, tenant_id on every row.

-- A WhatsApp Cloud API number belongs to one tenant. Secrets are AES-GCM ciphertext
-- (base64), encrypted with a key that lives outside the database.
CREATE TABLE whatsapp_accounts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  phone_number_id VARCHAR(64) NOT NULL UNIQUE,
  display_phone VARCHAR(32),
  waba_id VARCHAR(64),
  access_token_enc TEXT NOT NULL,
  app_secret_enc TEXT NOT NULL,
  verify_token_enc TEXT NOT NULL,
  api_base_url VARCHAR(300) NOT NULL DEFAULT 'https://graph.facebook.com/v24.0',
  send_rate_per_second INT NOT NULL DEFAULT 80 CHECK (send_rate_per_second > 0),
  status VARCHAR(20) DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_whatsapp_accounts_tenant ON whatsapp_accounts(tenant_id);

-- Raw webhook bodies, stored before any parsing. tenant_id stays null until routed.
-- payload holds the body as JSON, or as a JSON string when the body is not valid JSON.
CREATE TABLE webhook_events (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID REFERENCES tenants(id) ON DELETE CASCADE,
  event_type VARCHAR(50) NOT NULL,
  payload JSONB NOT NULL,
  status VARCHAR(20) DEFAULT 'unprocessed' CHECK (status IN ('unprocessed', 'processed', 'failed')),
  processing_error TEXT,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP,
  processed_at TIMESTAMP,
  created_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_webhook_events_type ON webhook_events(event_type);
CREATE INDEX idx_webhook_events_status ON webhook_events(status);
CREATE INDEX idx_webhook_events_type_date ON webhook_events(event_type, created_at);
CREATE INDEX idx_webhook_events_tenant ON webhook_events(tenant_id, created_at DESC);
-- The poller's claim query: oldest unprocessed first, skipping ones waiting for a retry.
CREATE INDEX idx_webhook_events_unprocessed ON webhook_events(created_at, id) WHERE status = 'unprocessed';

-- Turns a raw body into JSONB without ever failing: a body that is not JSON is kept
-- verbatim as a JSON string, so the receiver can store first and judge later.
CREATE FUNCTION switchboard_try_jsonb(body TEXT) RETURNS JSONB
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN body::jsonb;
EXCEPTION WHEN others THEN
  RETURN to_jsonb(body);
END;
$$;

CREATE TABLE templates (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name VARCHAR(100) NOT NULL,
  language VARCHAR(15) NOT NULL DEFAULT 'en_US',
  body TEXT NOT NULL,
  header_text VARCHAR,
  footer_text VARCHAR,
  category VARCHAR(20) DEFAULT 'text' CHECK (category IN ('text', 'marketing', 'otp', 'transactional')),
  parameters TEXT[],
  status VARCHAR(20) DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'disabled')),
  rejection_reason TEXT,
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW(),
  UNIQUE (tenant_id, name, language)
);
CREATE INDEX idx_templates_name ON templates(tenant_id, name);
CREATE INDEX idx_templates_status ON templates(tenant_id, status);

CREATE TABLE campaigns (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name VARCHAR(100) NOT NULL,
  description TEXT,
  message TEXT NOT NULL,
  template_id UUID REFERENCES templates(id) ON DELETE SET NULL,
  recipients TEXT[] NOT NULL,
  sent_count INT DEFAULT 0,
  delivered_count INT DEFAULT 0,
  read_count INT DEFAULT 0,
  failed_count INT DEFAULT 0,
  status VARCHAR(20) DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  scheduled_at TIMESTAMP,
  started_at TIMESTAMP,
  completed_at TIMESTAMP,
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_campaigns_status ON campaigns(tenant_id, status);
CREATE INDEX idx_campaigns_created ON campaigns(tenant_id, created_at);

CREATE TABLE automations (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name VARCHAR(100) NOT NULL,
  description TEXT,
  trigger_type VARCHAR(50) NOT NULL CHECK (trigger_type IN ('webhook', 'schedule', 'manual', 'api')),
  trigger_config JSONB NOT NULL,
  action_type VARCHAR(50) NOT NULL CHECK (action_type IN ('send_message', 'send_template', 'update_contact', 'http_request')),
  action_config JSONB NOT NULL,
  status VARCHAR(20) DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'paused')),
  execution_count INT DEFAULT 0,
  success_count INT DEFAULT 0,
  failure_count INT DEFAULT 0,
  last_triggered_at TIMESTAMP,
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_automations_status ON automations(tenant_id, status);
CREATE INDEX idx_automations_trigger_type ON automations(tenant_id, trigger_type);

-- messages: the guide's type check allows text/template/image/doc only; the exact
-- WhatsApp kind (audio, video, sticker, location, reaction, unknown…) goes in content_type.
ALTER TABLE messages
  ADD COLUMN content_type VARCHAR(30),
  ADD COLUMN campaign_id UUID REFERENCES campaigns(id) ON DELETE SET NULL,
  ADD COLUMN error_code VARCHAR(50),
  ADD COLUMN error_title TEXT,
  ADD COLUMN error_detail TEXT,
  ADD COLUMN send_attempts INT NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at TIMESTAMP,
  ADD COLUMN updated_at TIMESTAMP DEFAULT NOW();
CREATE UNIQUE INDEX uq_messages_tenant_external_id ON messages(tenant_id, external_message_id);
CREATE INDEX idx_messages_conversation_created ON messages(conversation_id, created_at DESC, id DESC);
CREATE INDEX idx_messages_outbox ON messages(next_attempt_at NULLS FIRST, created_at) WHERE status = 'queued' AND direction = 'outbound';
CREATE INDEX idx_messages_campaign ON messages(campaign_id, status) WHERE campaign_id IS NOT NULL;

-- Every distinct status a message reached, once.
CREATE TABLE message_statuses (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  message_id UUID NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  phone VARCHAR(20),
  status VARCHAR(20) NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
  wamid VARCHAR(120),
  occurred_at TIMESTAMP,
  error TEXT,
  error_code VARCHAR(50),
  created_at TIMESTAMP DEFAULT NOW(),
  updated_at TIMESTAMP DEFAULT NOW(),
  UNIQUE (message_id, status)
);
CREATE INDEX idx_message_statuses_tenant ON message_statuses(tenant_id, created_at DESC);
CREATE INDEX idx_message_statuses_phone_status ON message_statuses(phone, status);

-- conversations: the per-conversation read marker and the inbox's keyset order.
ALTER TABLE conversations
  ADD COLUMN last_read_at TIMESTAMP,
  ADD COLUMN updated_at TIMESTAMP DEFAULT NOW();
CREATE INDEX idx_conversations_tenant_last_message ON conversations(tenant_id, last_message_at DESC, id DESC);
-- One open (or closed) conversation per contact and channel; archived ones may pile up.
-- A database built by hand with the guide's SQL may hold several active ones for a contact: the most
-- recent stays as it is, the older ones are archived (nothing is deleted; the Archived filter shows them).
UPDATE conversations c SET status = 'archived', updated_at = NOW()
WHERE c.status <> 'archived'
  AND EXISTS (SELECT 1 FROM conversations n
              WHERE n.tenant_id = c.tenant_id AND n.contact_id = c.contact_id AND n.channel = c.channel
                AND n.status <> 'archived'
                AND (COALESCE(n.last_message_at, n.created_at, '-infinity'::timestamp), n.id)
                  > (COALESCE(c.last_message_at, c.created_at, '-infinity'::timestamp), c.id));
CREATE UNIQUE INDEX uq_conversations_active_per_contact ON conversations(tenant_id, contact_id, channel) WHERE status <> 'archived';

-- contacts: the 24-hour customer-service window opens with the last inbound message.
ALTER TABLE contacts
  ADD COLUMN last_inbound_at TIMESTAMP;

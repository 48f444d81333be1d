-- 1. Create Messages table
CREATE TABLE messages (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  "phoneNumber" VARCHAR(20) NOT NULL,
  message TEXT NOT NULL,
  "messageId" VARCHAR,
  status VARCHAR(20) DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'delivered', 'read', 'failed')),
  "errorMessage" TEXT,
  "createdAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- 2. Create Webhook Events table
CREATE TABLE webhook_events (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  "eventType" VARCHAR(50) NOT NULL,
  payload JSONB NOT NULL,
  status VARCHAR(20) DEFAULT 'unprocessed' CHECK (status IN ('unprocessed', 'processed', 'failed')),
  "processingError" TEXT,
  "createdAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- 3. Create Contacts table
CREATE TABLE contacts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  "phoneNumber" VARCHAR(20) NOT NULL UNIQUE,
  "displayName" VARCHAR,
  notes TEXT,
  status VARCHAR(20) DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'inactive')),
  "createdAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- 4. Create Message Statuses table
CREATE TABLE message_statuses (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  "messageId" VARCHAR NOT NULL,
  "phoneNumber" VARCHAR(20) NOT NULL,
  status VARCHAR(20) NOT NULL CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
  wamid VARCHAR(50),
  error TEXT,
  "errorCode" VARCHAR(50),
  "createdAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- 5. Create Templates table
CREATE TABLE templates (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name VARCHAR(100) NOT NULL UNIQUE,
  body TEXT NOT NULL,
  "headerText" VARCHAR,
  "footerText" VARCHAR,
  category VARCHAR(20) DEFAULT 'text' CHECK (category IN ('text', 'marketing', 'otp', 'transactional')),
  parameters TEXT[],
  status VARCHAR(20) DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'disabled')),
  "rejectionReason" TEXT,
  "createdAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- 6. Create Campaigns table
CREATE TABLE campaigns (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name VARCHAR(100) NOT NULL,
  description TEXT,
  message TEXT NOT NULL,
  recipients TEXT[] NOT NULL,
  "sentCount" INT DEFAULT 0,
  "deliveredCount" INT DEFAULT 0,
  "readCount" INT DEFAULT 0,
  "failedCount" INT DEFAULT 0,
  status VARCHAR(20) DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  "scheduledAt" TIMESTAMP,
  "startedAt" TIMESTAMP,
  "completedAt" TIMESTAMP,
  "createdAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- 7. Create Automations table
CREATE TABLE automations (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name VARCHAR(100) NOT NULL,
  description TEXT,
  "triggerType" VARCHAR(50) NOT NULL CHECK ("triggerType" IN ('webhook', 'schedule', 'manual', 'api')),
  "triggerConfig" JSONB NOT NULL,
  "actionType" VARCHAR(50) NOT NULL CHECK ("actionType" IN ('send_message', 'send_template', 'update_contact', 'http_request')),
  "actionConfig" JSONB NOT NULL,
  status VARCHAR(20) DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'paused')),
  "executionCount" INT DEFAULT 0,
  "successCount" INT DEFAULT 0,
  "failureCount" INT DEFAULT 0,
  "lastTriggeredAt" TIMESTAMP,
  "createdAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- Create all indexes for performance
CREATE INDEX idx_messages_phone ON messages("phoneNumber");
CREATE INDEX idx_messages_status ON messages(status);
CREATE INDEX idx_messages_created ON messages("createdAt");

CREATE INDEX idx_webhook_events_type ON webhook_events("eventType");
CREATE INDEX idx_webhook_events_status ON webhook_events(status);
CREATE INDEX idx_webhook_events_type_date ON webhook_events("eventType", "createdAt");

CREATE INDEX idx_contacts_phone ON contacts("phoneNumber");
CREATE INDEX idx_contacts_status ON contacts(status);

CREATE INDEX idx_message_statuses_message_id ON message_statuses("messageId");
CREATE INDEX idx_message_statuses_phone_status ON message_statuses("phoneNumber", status);

CREATE INDEX idx_templates_name ON templates(name);
CREATE INDEX idx_templates_status ON templates(status);

CREATE INDEX idx_campaigns_status ON campaigns(status);
CREATE INDEX idx_campaigns_created ON campaigns("createdAt");

CREATE INDEX idx_automations_status ON automations(status);
CREATE INDEX idx_automations_trigger_type ON automations("triggerType");

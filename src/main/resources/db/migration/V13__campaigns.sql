-- Campaigns: a template broadcast to an audience materialized once, fed to the outbox exactly once.
-- Design: docs/decisions/campaigns-01-recipients-and-exactly-once.md.

-- What the guide's campaigns row lacks to run one: the template by name and language (the guide's
-- template_id can go stale when Meta's templates are re-synced), how each variable is filled, how the
-- audience was chosen (shown, and reused by duplicate), the optional cap, auto-pause settings and why
-- the campaign stopped or waits.
ALTER TABLE campaigns
  ADD COLUMN template_name VARCHAR(512),
  ADD COLUMN template_language VARCHAR(15),
  ADD COLUMN variables JSONB NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN audience JSONB NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN cap_per_minute INT CHECK (cap_per_minute IS NULL OR cap_per_minute > 0),
  ADD COLUMN failure_threshold NUMERIC(4, 3) NOT NULL DEFAULT 0.2 CHECK (failure_threshold > 0 AND failure_threshold <= 1),
  ADD COLUMN failure_window INT NOT NULL DEFAULT 100 CHECK (failure_window >= 10),
  ADD COLUMN pause_reason TEXT,
  ADD COLUMN waiting_reason TEXT,
  ADD COLUMN resumed_at TIMESTAMP,
  ADD COLUMN excluded_count INT NOT NULL DEFAULT 0,
  ADD COLUMN limited_count INT NOT NULL DEFAULT 0,
  ADD COLUMN retarget_of UUID REFERENCES campaigns(id) ON DELETE SET NULL;
-- The worker looks for due and running campaigns across tenants.
CREATE INDEX idx_campaigns_active ON campaigns(status, scheduled_at) WHERE status IN ('scheduled', 'running');

-- One row per (campaign, contact), written once when the campaign is created. state:
--   pending  – waits for the worker to queue its message
--   queued   – its message is in the outbox (message_id); where it stands from then on is that message's status
--   excluded – never sent: reason opted_out or invalid_phone
--   cancelled – the campaign was cancelled before its message was queued
-- params are the template's values for this contact (header text first, then body {{1}}..{{n}}), resolved
-- at creation so the preview is what is sent.
CREATE TABLE campaign_recipients (
  campaign_id UUID NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  contact_id UUID NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  seq INT NOT NULL,
  phone VARCHAR(20) NOT NULL,
  params TEXT[] NOT NULL DEFAULT '{}',
  state VARCHAR(20) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'queued', 'excluded', 'cancelled')),
  reason VARCHAR(40),
  message_id UUID REFERENCES messages(id) ON DELETE SET NULL,
  queued_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL DEFAULT NOW(),
  PRIMARY KEY (campaign_id, contact_id),
  CHECK ((state = 'queued') = (queued_at IS NOT NULL))
);
-- A message belongs to at most one recipient: the second enqueue of a recipient cannot commit.
CREATE UNIQUE INDEX uq_campaign_recipients_message ON campaign_recipients(message_id);
-- The worker's next pending recipients, in order.
CREATE INDEX idx_campaign_recipients_pending ON campaign_recipients(campaign_id, seq) WHERE state = 'pending';
CREATE INDEX idx_campaign_recipients_seq ON campaign_recipients(campaign_id, seq);
-- The daily messaging limit: what the tenant queued in the last 24 hours.
CREATE INDEX idx_campaign_recipients_tenant_queued ON campaign_recipients(tenant_id, queued_at) WHERE queued_at IS NOT NULL;
CREATE INDEX idx_campaign_recipients_contact ON campaign_recipients(tenant_id, contact_id);

-- "Replied within 72 hours" looks for an inbound message of the recipient after delivery.
CREATE INDEX IF NOT EXISTS idx_messages_contact_inbound ON messages(contact_id, created_at) WHERE direction = 'inbound';

-- Opt-out by keyword: an inbound text that, without case, accents, spaces and punctuation, equals one of
-- the tenant's keywords sets the contact's opt-out in the same transaction as the message's insert, so
-- no worker can miss it and a redelivered webhook (deduplicated before insert) changes nothing.
CREATE FUNCTION campaign_keyword_form(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT upper(regexp_replace(translate(t,
    'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūçñýÿÁÀÂÄÃÅĀÉÈÊËĒÍÌÎÏĪÓÒÔÖÕØŌÚÙÛÜŪÇÑÝ',
    'aaaaaaaeeeeeiiiiiooooooouuuuucnyyAAAAAAAEEEEEIIIIIOOOOOOOUUUUUCNY'), '[^A-Za-z0-9]', '', 'g'))
$$;

CREATE FUNCTION campaign_opt_out_on_keyword() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.content IS NOT NULL AND length(NEW.content) <= 40 AND EXISTS (
       SELECT 1 FROM tenants t, unnest(t.opt_out_keywords) k
       WHERE t.id = NEW.tenant_id AND campaign_keyword_form(k) = campaign_keyword_form(NEW.content)
         AND campaign_keyword_form(k) <> '') THEN
    UPDATE contacts SET opted_out_at = COALESCE(NEW.created_at, NOW()), opt_out_source = 'keyword', updated_at = NOW()
     WHERE id = NEW.contact_id AND opted_out_at IS NULL;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER campaign_opt_out_on_keyword AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.direction = 'inbound' AND NEW.type = 'text')
  EXECUTE FUNCTION campaign_opt_out_on_keyword();

-- Auto-pause looks for Meta's "stop" codes among a campaign's recent answers.
CREATE INDEX idx_messages_campaign_errors ON messages(campaign_id, updated_at) WHERE campaign_id IS NOT NULL AND error_code IS NOT NULL;

-- Message templates as Meta knows them (issue 9). Additive only: the guide's columns keep their
-- check values (status pending/approved/rejected/disabled, category text/marketing/otp/transactional),
-- mapped from Meta's exact values, which are kept beside them.
ALTER TABLE templates
  ADD COLUMN meta_template_id VARCHAR(64),
  ADD COLUMN meta_status VARCHAR(30),
  ADD COLUMN meta_category VARCHAR(30),
  ADD COLUMN components JSONB,
  ADD COLUMN quality_score VARCHAR(20),
  -- Why Meta paused, disabled or flagged it (rejection_reason keeps the rejection's reason, as the guide has it).
  ADD COLUMN status_reason TEXT,
  -- Set when a sync no longer finds the template at Meta (or Meta said DELETED); cleared if it comes back.
  ADD COLUMN deleted_at_meta TIMESTAMP,
  -- The admin's choice: may agents pick this template in the composer?
  ADD COLUMN agent_visible BOOLEAN NOT NULL DEFAULT TRUE,
  -- The time (Meta's clock) of the state each group of columns holds, so webhooks arriving late,
  -- twice or out of order never move a template back to an older state.
  ADD COLUMN status_at TIMESTAMP,
  ADD COLUMN quality_at TIMESTAMP,
  ADD COLUMN category_at TIMESTAMP,
  ADD COLUMN synced_at TIMESTAMP;
CREATE INDEX idx_templates_meta_id ON templates(tenant_id, meta_template_id) WHERE meta_template_id IS NOT NULL;

-- Template sync bookkeeping per connected number: NULL means "sync soon" (a number just connected).
ALTER TABLE whatsapp_accounts
  ADD COLUMN templates_synced_at TIMESTAMP,
  ADD COLUMN templates_sync_error TEXT;
CREATE INDEX idx_whatsapp_accounts_waba ON whatsapp_accounts(waba_id) WHERE waba_id IS NOT NULL;

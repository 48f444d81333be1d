-- The inbox: list order, the "possibly unread" set, contact sorting, and search indexes.

-- The conversation list reads newest activity first with conversations that never had a message
-- last; V2's index is NULLS FIRST (the DESC default), so it cannot serve that order.
CREATE INDEX idx_conversations_tenant_activity
  ON conversations(tenant_id, last_message_at DESC NULLS LAST, id DESC);

-- Only a conversation with activity after its read marker can hold unread messages. This small
-- partial index serves the "unread" filter and the unread total without touching the rest.
CREATE INDEX idx_conversations_tenant_possibly_unread
  ON conversations(tenant_id, last_message_at DESC NULLS LAST, id DESC)
  WHERE last_read_at IS NULL OR last_message_at > last_read_at;

-- The contacts table sorted by name, newest or last change, keyset-paged.
CREATE INDEX idx_contacts_tenant_name ON contacts(tenant_id, lower(COALESCE(name, '')), id);
CREATE INDEX idx_contacts_tenant_created ON contacts(tenant_id, created_at, id);
CREATE INDEX idx_contacts_tenant_updated ON contacts(tenant_id, updated_at, id);

-- Search over contact names, phones and message text. pg_trgm serves substring (ILIKE '%…%')
-- matches; it is a trusted extension (PostgreSQL 13+), but a locked-down external server may
-- still refuse it. Then the inbox falls back to full-text indexes (whole words, not
-- substrings) and says so in the log; ConversationService picks the query that matches.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN others THEN
    RAISE WARNING 'pg_trgm is not available (%); inbox search uses full-text indexes instead', SQLERRM;
  END;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX idx_messages_content_trgm ON messages USING GIN (content gin_trgm_ops)';
    EXECUTE 'CREATE INDEX idx_contacts_name_trgm ON contacts USING GIN (name gin_trgm_ops)';
    EXECUTE 'CREATE INDEX idx_contacts_phone_trgm ON contacts USING GIN (phone gin_trgm_ops)';
  ELSE
    EXECUTE $i$CREATE INDEX idx_messages_content_fts ON messages USING GIN (to_tsvector('simple', COALESCE(content, '')))$i$;
    EXECUTE $i$CREATE INDEX idx_contacts_name_fts ON contacts USING GIN (to_tsvector('simple', COALESCE(name, '')))$i$;
  END IF;
END
$$;

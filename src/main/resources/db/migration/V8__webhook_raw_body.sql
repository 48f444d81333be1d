-- The exact bytes of a webhook whose body PostgreSQL could not store as sent: jsonb refuses the escape
-- \u0000 and unpaired surrogate escapes, text cannot hold NUL, and bytes that are not UTF-8 are not text.
-- The receiver stores such a body in payload with those characters replaced by U+FFFD (so its messages
-- still reach the inbox) and keeps the original here. NULL for every body stored unchanged.
ALTER TABLE webhook_events ADD COLUMN raw_body BYTEA;
COMMENT ON COLUMN webhook_events.raw_body IS
  'The webhook body exactly as received, kept only when payload had to differ from it (NUL, lone surrogates, invalid UTF-8).';

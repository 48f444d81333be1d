-- A campaign's worker updates its row every few seconds (excluded, sent, delivered, read, failed and limited
-- counts, the waiting note). V20 made the audit log ignore those changes, but the row trigger still turned
-- the whole row, with the guide's recipients array of every phone, into JSON twice per update before finding
-- nothing to record: at 100,000 recipients that held the enqueuer to ~1,600 messages/s. The trigger now fires
-- only for updates that name a column someone acts on, so the worker's updates never reach it.
DROP TRIGGER audit_campaigns ON campaigns;
CREATE TRIGGER audit_campaigns AFTER INSERT OR DELETE ON campaigns FOR EACH ROW EXECUTE FUNCTION audit_row_change();
DO $$
DECLARE
  acted TEXT;
BEGIN
  SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO acted
  FROM pg_attribute a
  WHERE a.attrelid = 'campaigns'::regclass AND a.attnum > 0 AND NOT a.attisdropped AND NOT audit_is_noise(a.attname);
  EXECUTE format('CREATE TRIGGER audit_campaigns_update AFTER UPDATE OF %s ON campaigns FOR EACH ROW EXECUTE FUNCTION audit_row_change()', acted);
END
$$;

-- Issue 17 point 7: every webhook row fed two partial indexes on the unprocessed events, the claim index
-- (event_type, created_at, id) of V3 and V2's (created_at, id). The poller's claim uses the claim index
-- (V3); /healthz's age of the oldest unprocessed event now names event_type = 'whatsapp' like its count,
-- so the claim index serves it too. One index entry less per stored webhook, one dead entry less per
-- processed one. The guide's own indexes on webhook_events (type, status, type + date) stay.
-- docs/decisions/receiver-03-intake-cost-per-status.md
DROP INDEX IF EXISTS idx_webhook_events_unprocessed;

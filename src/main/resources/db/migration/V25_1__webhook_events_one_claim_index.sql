-- Issue 17 point 7: every webhook row fed two partial indexes on the unprocessed events, the claim index
-- (event_type, created_at, id) of V3 and V2's (created_at, id). The poller's claim and the health check's
-- backlog query use the claim index; nothing reads the older one since V3 (V3's comment: the planner
-- preferred other indexes and filtered). One index entry less per stored webhook, and one less dead
-- entry per processed one. The guide's own indexes on webhook_events (type, status, type + date) stay.
-- docs/decisions/receiver-03-intake-cost-per-status.md
DROP INDEX IF EXISTS idx_webhook_events_unprocessed;

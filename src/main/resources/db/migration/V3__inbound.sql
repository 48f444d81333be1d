-- The event poller's claim: WHERE status = 'unprocessed' AND event_type = ? ORDER BY created_at, id LIMIT n.
-- Without this index the planner prefers idx_webhook_events_type_date and filters out every
-- processed event of history on each claim; this one holds only the backlog, already in order.
CREATE INDEX idx_webhook_events_claim ON webhook_events(event_type, created_at, id) WHERE status = 'unprocessed';

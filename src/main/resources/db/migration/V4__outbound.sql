-- One token bucket per sending number, shared by every sender process on this database, so a
-- number's send_rate_per_second holds however many desktop apps and `serve` instances send for it.
-- tokens refill continuously at the number's rate up to one second's worth; refilled_at is when
-- tokens was last brought up to date (database clock, so process clocks never matter).
CREATE TABLE send_rate_buckets (
  phone_number_id VARCHAR(64) PRIMARY KEY,
  tenant_id UUID NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  tokens DOUBLE PRECISION NOT NULL,
  refilled_at TIMESTAMP NOT NULL
);
CREATE INDEX idx_send_rate_buckets_tenant ON send_rate_buckets(tenant_id);

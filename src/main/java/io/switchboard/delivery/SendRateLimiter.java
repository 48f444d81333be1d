package io.switchboard.delivery;

import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Each sending number's rate as a token bucket kept in the database (send_rate_buckets), so the rate
 * holds across every process that sends: {@code ratePerSecond} tokens a second, at most one second's
 * worth in the bucket. A worker takes tokens for several messages at once, one short transaction per
 * batch and number; the row lock orders concurrent takers.
 */
final class SendRateLimiter {
    private final Database database;

    SendRateLimiter(Database database) {
        this.database = database;
    }

    /**
     * Takes up to {@code want} tokens, waiting while the bucket is empty; returns how many were granted
     * (at least 1), or 0 when none became free before {@code deadlineNanos} (System.nanoTime) or
     * {@code giveUp} said so (checked between waits).
     */
    int take(UUID tenantId, String phoneNumberId, int ratePerSecond, int want, long deadlineNanos, BooleanSupplier giveUp) throws InterruptedException {
        while (!giveUp.getAsBoolean()) {
            Grant grant = tryTake(tenantId, phoneNumberId, ratePerSecond, want);
            if (grant.granted() > 0) {
                return grant.granted();
            }
            long waitNanos = (long) Math.ceil((1 - grant.available()) / ratePerSecond * 1e9);
            if (System.nanoTime() + waitNanos > deadlineNanos) {
                return 0;
            }
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
        return 0;
    }

    private record Grant(int granted, double available) {
    }

    private Grant tryTake(UUID tenantId, String phoneNumberId, int rate, int want) {
        return database.inJdbcTransaction(c -> {
            double tokens;
            LocalDateTime refilledAt;
            LocalDateTime now;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT tokens, refilled_at, clock_timestamp()::timestamp FROM send_rate_buckets WHERE phone_number_id = ? FOR UPDATE")) {
                ps.setString(1, phoneNumberId);
                ResultSet rs = ps.executeQuery();
                if (!rs.next()) {
                    insertFull(c, tenantId, phoneNumberId, rate);
                    rs = ps.executeQuery();
                    rs.next();
                }
                tokens = rs.getDouble(1);
                refilledAt = rs.getObject(2, LocalDateTime.class);
                // clock_timestamp() is read before the row lock is granted: a taker that waited for another's
                // lock can hold a "now" older than the refill time that other taker just stored. Moving the
                // refill time back would hand out that interval's tokens twice (measured: 4-5 % over the rate).
                LocalDateTime read = rs.getObject(3, LocalDateTime.class);
                now = read.isAfter(refilledAt) ? read : refilledAt;
            }
            double elapsedSeconds = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
            double available = Math.min(rate, tokens + elapsedSeconds * rate);
            int granted = (int) Math.min(want, Math.floor(available));
            try (PreparedStatement ps = c.prepareStatement("UPDATE send_rate_buckets SET tokens = ?, refilled_at = ? WHERE phone_number_id = ?")) {
                ps.setDouble(1, available - granted);
                ps.setObject(2, now);
                ps.setString(3, phoneNumberId);
                ps.executeUpdate();
            }
            return new Grant(granted, available - granted);
        });
    }

    /** A number's first use: a full bucket. A concurrent first use by another process wins harmlessly. */
    private static void insertFull(Connection c, UUID tenantId, String phoneNumberId, int rate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO send_rate_buckets (phone_number_id, tenant_id, tokens, refilled_at) VALUES (?, ?, ?, clock_timestamp())
                ON CONFLICT (phone_number_id) DO NOTHING""")) {
            ps.setString(1, phoneNumberId);
            ps.setObject(2, tenantId);
            ps.setDouble(3, rate);
            ps.executeUpdate();
        }
    }
}

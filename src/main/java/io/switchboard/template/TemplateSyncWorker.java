package io.switchboard.template;

import io.switchboard.common.Clock;
import io.switchboard.common.PeriodicJob;
import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every tenant's templates in step with Meta: a number connected a moment ago (templates_synced_at
 * NULL) is synced within a check interval, every other one every {@code every}. Due numbers are claimed with
 * FOR UPDATE SKIP LOCKED, so several processes never sync the same tenant at once; a failed sync is retried
 * after {@code retryAfter} and its error kept on the account.
 */
public final class TemplateSyncWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TemplateSyncWorker.class);
    public static final Duration EVERY = Duration.ofHours(6);
    public static final Duration CHECK = Duration.ofSeconds(30);
    public static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private final Database database;
    private final TemplateSync sync;
    private final Duration every;
    private volatile PeriodicJob job;

    public TemplateSyncWorker(Database database, TemplateSync sync, Duration every) {
        this.database = database;
        this.sync = sync;
        this.every = every;
    }

    public TemplateSyncWorker start(Duration firstCheck, Duration check) {
        job = PeriodicJob.start("template-sync", firstCheck, check, this::runDue, log, "template sync check");
        return this;
    }

    /** Syncs every tenant with a due number; returns how many tenants synced without error. */
    public int runDue() {
        int ok = 0;
        for (UUID tenant : claimDue()) {
            try {
                log.info("templates of tenant {}: {}", tenant, sync.sync(tenant).summary());
                ok++;
            } catch (RuntimeException e) {
                log.warn("template sync of tenant {} failed; retrying in {}: {}", tenant, RETRY_AFTER, e.getMessage());
                retrySoon(tenant);
            }
        }
        return ok;
    }

    private Set<UUID> claimDue() {
        LocalDateTime now = Clock.nowUtc();
        return database.inJdbcTransaction(c -> {
            Set<UUID> tenants = new LinkedHashSet<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE whatsapp_accounts a SET templates_synced_at = ?
                    WHERE a.id IN (SELECT id FROM whatsapp_accounts
                                   WHERE status = 'active' AND waba_id IS NOT NULL AND (templates_synced_at IS NULL OR templates_synced_at < ?)
                                   FOR UPDATE SKIP LOCKED)
                    RETURNING a.tenant_id""")) {
                ps.setObject(1, now);
                ps.setObject(2, now.minus(every));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tenants.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            return tenants;
        });
    }

    private void retrySoon(UUID tenant) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE whatsapp_accounts SET templates_synced_at = ? WHERE tenant_id = ? AND waba_id IS NOT NULL")) {
                ps.setObject(1, Clock.nowUtc().minus(every).plus(RETRY_AFTER));
                ps.setObject(2, tenant);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        if (job != null) {
            job.close();
        }
    }
}

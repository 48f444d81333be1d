package io.switchboard.delivery;

import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a tenant's sending number from whatsapp_accounts and decrypts its token. A tenant with several
 * active numbers sends from the oldest. Answers are kept for a moment so a busy sender does not ask the
 * database per message, yet a reconnected account (new token, new base URL) is seen within seconds.
 */
public final class JdbcSendingAccounts implements SendingAccounts {
    private final Database database;
    private final SecretBox secrets;
    private final long ttlNanos;
    private final ConcurrentHashMap<UUID, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<SendingAccount> account, long readAt) {
    }

    public JdbcSendingAccounts(Database database, SecretBox secrets, Duration ttl) {
        this.database = database;
        this.secrets = secrets;
        this.ttlNanos = ttl.toNanos();
    }

    public JdbcSendingAccounts(Database database, SecretBox secrets) {
        this(database, secrets, Duration.ofSeconds(2));
    }

    @Override
    public Optional<SendingAccount> forTenant(UUID tenantId) {
        long now = System.nanoTime();
        Cached cached = cache.get(tenantId);
        if (cached != null && now - cached.readAt() < ttlNanos) {
            return cached.account();
        }
        Optional<SendingAccount> account = read(tenantId);
        cache.put(tenantId, new Cached(account, now));
        return account;
    }

    private Optional<SendingAccount> read(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT phone_number_id, api_base_url, access_token_enc, send_rate_per_second FROM whatsapp_accounts
                    WHERE tenant_id = ? AND status = 'active' ORDER BY created_at, id LIMIT 1""")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new SendingAccount(tenantId, rs.getString(1), rs.getString(2), secrets.decrypt(rs.getString(3)), rs.getInt(4)));
                }
            }
        });
    }
}

package io.switchboard.delivery;

import io.switchboard.channel.sandbox.CloudApiSandbox;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant whose WhatsApp account points at a running sandbox, on its own migrated database: what every
 * outbound test starts from. Secrets are stored encrypted, exactly as the app stores them.
 */
public final class OutboundFixture implements AutoCloseable {
    public static final String PHONE_NUMBER_ID = "106540352242922";
    public final Database db = TestDatabase.open();
    public final SecretBox secrets;
    public final CloudApiSandbox sandbox;
    public final UUID tenantId;
    public final String accessToken = "EAAtest" + UUID.randomUUID().toString().replace("-", "");
    public final String appSecret = "app-secret-" + UUID.randomUUID();

    public OutboundFixture(SandboxOptions options, URI webhookUrl, int ratePerSecond) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secrets = new SecretBox(key);
        sandbox = CloudApiSandbox.start(options);
        sandbox.register(new SandboxNumber(PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", accessToken, appSecret, webhookUrl));
        tenantId = db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES ('Outbound test') RETURNING id")) {
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
        insertAccount(tenantId, PHONE_NUMBER_ID, sandbox.baseUrl(), accessToken, ratePerSecond);
    }

    public OutboundFixture() {
        this(SandboxOptions.silent(), null, 1_000);
    }

    public void insertAccount(UUID tenant, String phoneNumberId, String baseUrl, String token, int rate) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, display_phone, waba_id, access_token_enc, app_secret_enc, verify_token_enc,
                                                   api_base_url, send_rate_per_second)
                    VALUES (?, ?, '+15550109999', 'waba-1', ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, tenant);
                ps.setString(2, phoneNumberId);
                ps.setString(3, secrets.encrypt(token));
                ps.setString(4, secrets.encrypt(appSecret));
                ps.setString(5, secrets.encrypt("verify-me"));
                ps.setString(6, baseUrl);
                ps.setInt(7, rate);
                return ps.executeUpdate();
            }
        });
    }

    /** A contact who wrote {@code agoMinutes} minutes ago (their 24-hour window is open when that is under a day). */
    public void contactWhoWrote(String e164, long agoMinutes) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contacts (tenant_id, phone, name, last_inbound_at) VALUES (?, ?, 'Customer', NOW() - (? * INTERVAL '1 minute'))
                    ON CONFLICT (tenant_id, phone) DO UPDATE SET last_inbound_at = EXCLUDED.last_inbound_at""")) {
                ps.setObject(1, tenantId);
                ps.setString(2, e164);
                ps.setLong(3, agoMinutes);
                return ps.executeUpdate();
            }
        });
    }

    public UUID queue(String e164, OutboundContent content) {
        return new OutboxService(db).queueTo(tenantId, e164, content).messageId();
    }

    public UUID queueText(String e164, String text) {
        contactWhoWrote(e164, 5);
        return queue(e164, OutboundContent.text(text));
    }

    public JdbcSendingAccounts accounts() {
        return new JdbcSendingAccounts(db, secrets, Duration.ZERO);
    }

    /** Short backoff so retries come due within a test; long enough lease for real HTTP. */
    public static OutboxSender.Options quickOptions() {
        return OutboxSender.Options.defaults().withRetries(4, Duration.ofMillis(20), Duration.ofMillis(40)).withIdlePoll(Duration.ofMillis(20))
                .withLease(Duration.ofSeconds(20)).withMaxTokenWait(Duration.ofSeconds(5));
    }

    public OutboxSender sender(OutboxSender.Options options) {
        return new OutboxSender(db, accounts(), new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)), options);
    }

    public OutboxSender sender() {
        return sender(quickOptions());
    }

    public Map<String, Object> row(UUID messageId) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM messages WHERE id = ?")) {
                ps.setObject(1, messageId);
                ResultSet rs = ps.executeQuery();
                rs.next();
                ResultSetMetaData md = rs.getMetaData();
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i), rs.getObject(i));
                }
                return row;
            }
        });
    }

    public long count(String sql, Object... args) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public void execute(String sql, Object... args) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    /** Makes every waiting retry due now, instead of sleeping through the backoff. */
    public void makeRetriesDue() {
        execute("UPDATE messages SET next_attempt_at = NOW() - INTERVAL '1 second' WHERE status = 'queued' AND next_attempt_at IS NOT NULL");
    }

    @Override
    public void close() {
        sandbox.close();
        db.close();
    }
}

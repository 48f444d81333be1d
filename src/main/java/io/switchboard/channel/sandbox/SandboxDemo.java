package io.switchboard.channel.sandbox;

import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The first-start demo: when the database has no tenant yet, a tenant "Demo — Sandbox" with a WhatsApp
 * account wired to the sandbox (secrets encrypted like any other account's). Its templates are not inserted
 * here: they live at the sandbox's simulated WABA and arrive by a template sync, as a real tenant's do.
 * Sandbox accounts are recognised by their WABA id {@value #SANDBOX_WABA_ID}: digits like any WABA id (so the
 * account passes the connection form's checks) but one Meta never issues.
 */
public final class SandboxDemo {
    public static final String SANDBOX_WABA_ID = "000000000000000";
    public static final String TENANT_NAME = "Demo — Sandbox";
    public static final String DISPLAY_PHONE = "+15550100001";
    private static final long FIRST_START_LOCK = 0x5357_4442_4445_4d4fL;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxDemo() {
    }

    /** Creates the demo tenant if there is no tenant at all; returns its id when it did. Safe when several apps start at once. */
    public static Optional<UUID> createIfFirstStart(Database database, SecretBox secrets, String sandboxBaseUrl) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, FIRST_START_LOCK);
                lock.execute();
            }
            try (PreparedStatement any = c.prepareStatement("SELECT 1 FROM tenants LIMIT 1"); ResultSet rs = any.executeQuery()) {
                if (rs.next()) {
                    return Optional.<UUID>empty();
                }
            }
            UUID tenantId = insertTenant(c);
            insertAccount(c, tenantId, secrets, sandboxBaseUrl);
            Notifications.announce(c, null, Notifications.Kind.TENANTS);
            return Optional.of(tenantId);
        });
    }

    private static UUID insertTenant(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES (?) RETURNING id")) {
            ps.setString(1, TENANT_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    private static void insertAccount(Connection c, UUID tenantId, SecretBox secrets, String baseUrl) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, display_phone, waba_id, access_token_enc, app_secret_enc, verify_token_enc,
                                               api_base_url, send_rate_per_second)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 80)""")) {
            ps.setObject(1, tenantId);
            ps.setString(2, "1" + String.format("%014d", Math.floorMod(RANDOM.nextLong(), 100_000_000_000_000L)));
            ps.setString(3, DISPLAY_PHONE);
            ps.setString(4, SANDBOX_WABA_ID);
            ps.setString(5, secrets.encrypt("EAAsandbox" + randomHex(24)));
            ps.setString(6, secrets.encrypt(randomHex(16)));
            ps.setString(7, secrets.encrypt(randomHex(8)));
            ps.setString(8, baseUrl);
            ps.executeUpdate();
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

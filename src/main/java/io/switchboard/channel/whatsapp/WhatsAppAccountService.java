package io.switchboard.channel.whatsapp;

import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Connects WhatsApp Cloud API numbers to tenants. Secrets are sealed with {@link SecretBox}
 * before they reach the database; views carry them masked, and only
 * {@link #credentials(String)} / {@link #allCredentials()} hand them out decrypted, for the
 * sender and the webhook receiver.
 */
public final class WhatsAppAccountService {
    public static final String DEFAULT_API_BASE_URL = "https://graph.facebook.com/v24.0";
    public static final int DEFAULT_RATE_PER_SECOND = 80;
    public static final int RATE_MIN = 1;
    public static final int RATE_MAX = 1000;
    static final int SECRET_MAX = 1024;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,64}");
    private static final Pattern DISPLAY_PHONE = Pattern.compile("[0-9+()\\-. ]{1,32}");

    private static final String COLUMNS = """
            id, tenant_id, phone_number_id, display_phone, waba_id, access_token_enc, app_secret_enc, verify_token_enc,
            api_base_url, send_rate_per_second, status, created_at, updated_at""";

    private final Database database;
    private final SecretBox secrets;

    public WhatsAppAccountService(Database database, SecretBox secrets) {
        this.database = database;
        this.secrets = secrets;
    }

    /**
     * Connects the number to the tenant, or reconnects it (new secrets, URL, rate) when the tenant
     * already owns it. A number owned by another tenant is refused. Everything is validated before
     * anything is written.
     */
    public WhatsAppAccountView connect(UUID tenantId, WhatsAppConnection fields) {
        if (tenantId == null) {
            throw new ValidationException("tenant", "must be given");
        }
        String phoneNumberId = digits("phone_number_id", fields.phoneNumberId(), true);
        String accessToken = secret("access_token", fields.accessToken());
        String appSecret = secret("app_secret", fields.appSecret());
        String verifyToken = secret("verify_token", fields.verifyToken());
        String displayPhone = displayPhone(fields.displayPhone());
        String wabaId = digits("waba_id", fields.wabaId(), false);
        String baseUrl = apiBaseUrl(fields.apiBaseUrl());
        int rate = rate(fields.ratePerSecond());
        String accessTokenEnc = secrets.encrypt(accessToken);
        String appSecretEnc = secrets.encrypt(appSecret);
        String verifyTokenEnc = secrets.encrypt(verifyToken);
        return database.inJdbcTransaction(c -> {
            requireTenant(c, tenantId);
            LocalDateTime now = Clock.nowUtc();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, display_phone, waba_id, access_token_enc, app_secret_enc,
                                                   verify_token_enc, api_base_url, send_rate_per_second, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)
                    ON CONFLICT (phone_number_id) DO UPDATE
                       SET display_phone = EXCLUDED.display_phone, waba_id = EXCLUDED.waba_id,
                           access_token_enc = EXCLUDED.access_token_enc, app_secret_enc = EXCLUDED.app_secret_enc,
                           verify_token_enc = EXCLUDED.verify_token_enc, api_base_url = EXCLUDED.api_base_url,
                           send_rate_per_second = EXCLUDED.send_rate_per_second, status = 'active', updated_at = EXCLUDED.updated_at,
                           templates_synced_at = NULL
                     WHERE whatsapp_accounts.tenant_id = EXCLUDED.tenant_id
                    RETURNING\s""" + COLUMNS)) {
                ps.setObject(1, tenantId);
                ps.setString(2, phoneNumberId);
                ps.setString(3, displayPhone);
                ps.setString(4, wabaId);
                ps.setString(5, accessTokenEnc);
                ps.setString(6, appSecretEnc);
                ps.setString(7, verifyTokenEnc);
                ps.setString(8, baseUrl);
                ps.setInt(9, rate);
                ps.setObject(10, now);
                ps.setObject(11, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("phone_number_id", "is already connected to another tenant");
                    }
                    return view(rs);
                }
            }
        });
    }

    /** The tenant's numbers, oldest first. */
    public List<WhatsAppAccountView> list(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM whatsapp_accounts WHERE tenant_id = ? ORDER BY created_at, id")) {
                ps.setObject(1, tenantId);
                List<WhatsAppAccountView> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(view(rs));
                    }
                }
                return out;
            }
        });
    }

    /** One of the tenant's numbers by account id. */
    public Optional<WhatsAppAccountView> get(UUID tenantId, UUID accountId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM whatsapp_accounts WHERE tenant_id = ? AND id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(view(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The decrypted credentials of an active number, for the sender. */
    public Optional<AccountCredentials> credentials(String phoneNumberId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM whatsapp_accounts WHERE phone_number_id = ? AND status = 'active'")) {
                ps.setString(1, phoneNumberId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(credentials(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every active number's decrypted credentials, for the webhook receiver's cache. */
    public List<AccountCredentials> allCredentials() {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM whatsapp_accounts WHERE status = 'active' ORDER BY created_at, id")) {
                List<AccountCredentials> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(credentials(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The tenant's WhatsApp Business Accounts (distinct WABA ids of its active numbers) with a token and base
     * URL to reach each, for template sync and submission. Numbers without a WABA id are left out.
     */
    public List<BusinessAccountCredentials> businessAccounts(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT ON (waba_id) waba_id, access_token_enc, api_base_url FROM whatsapp_accounts
                    WHERE tenant_id = ? AND status = 'active' AND waba_id IS NOT NULL
                    ORDER BY waba_id, updated_at DESC, id""")) {
                ps.setObject(1, tenantId);
                List<BusinessAccountCredentials> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new BusinessAccountCredentials(tenantId, rs.getString(1), secrets.decrypt(rs.getString(2)), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }

    private AccountCredentials credentials(ResultSet rs) throws SQLException {
        return new AccountCredentials(rs.getString("phone_number_id"), rs.getObject("tenant_id", UUID.class),
                secrets.decrypt(rs.getString("access_token_enc")), secrets.decrypt(rs.getString("app_secret_enc")),
                secrets.decrypt(rs.getString("verify_token_enc")), rs.getString("api_base_url"), rs.getInt("send_rate_per_second"));
    }

    private WhatsAppAccountView view(ResultSet rs) throws SQLException {
        return new WhatsAppAccountView(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("phone_number_id"), rs.getString("display_phone"), rs.getString("waba_id"),
                rs.getString("api_base_url"), rs.getInt("send_rate_per_second"), rs.getString("status"),
                SecretBox.mask(secrets.decrypt(rs.getString("access_token_enc"))),
                SecretBox.mask(secrets.decrypt(rs.getString("app_secret_enc"))),
                SecretBox.mask(secrets.decrypt(rs.getString("verify_token_enc"))),
                Clock.toInstant(rs.getObject("created_at", LocalDateTime.class)),
                Clock.toInstant(rs.getObject("updated_at", LocalDateTime.class)));
    }

    private static void requireTenant(Connection c, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tenants WHERE id = ?")) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
            }
        }
    }

    static String digits(String field, String value, boolean required) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            if (required) {
                throw new ValidationException(field, "must not be empty");
            }
            return null;
        }
        if (!DIGITS.matcher(v).matches()) {
            throw new ValidationException(field, "must be digits only (at most 64), as Meta shows it in WhatsApp Manager");
        }
        return v;
    }

    /** The value itself never appears in the message: it is a secret. */
    static String secret(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "must not be empty");
        }
        String v = value.strip();
        if (v.length() > SECRET_MAX) {
            throw new ValidationException(field, "must be at most " + SECRET_MAX + " characters (it has " + v.length() + ")");
        }
        if (v.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f)) {
            throw new ValidationException(field, "must not contain spaces or control characters");
        }
        return v;
    }

    static String displayPhone(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (!DISPLAY_PHONE.matcher(v).matches()) {
            throw new ValidationException("display_phone", "must be a phone number of at most 32 characters (digits, spaces, + - ( ) .), not \"" + v + "\"");
        }
        return v;
    }

    static String apiBaseUrl(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return DEFAULT_API_BASE_URL;
        }
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new URISyntaxException(v, "not an http(s) base URL");
            }
        } catch (URISyntaxException e) {
            throw new ValidationException("api_base_url", "must be an http:// or https:// URL without query or credentials, e.g. "
                    + DEFAULT_API_BASE_URL + ", not \"" + v + "\"");
        }
        if (v.length() > 300) {
            throw new ValidationException("api_base_url", "must be at most 300 characters");
        }
        return v;
    }

    static int rate(Integer value) {
        if (value == null) {
            return DEFAULT_RATE_PER_SECOND;
        }
        if (value < RATE_MIN || value > RATE_MAX) {
            throw new ValidationException("rate", "must be from " + RATE_MIN + " to " + RATE_MAX + " messages per second, not " + value);
        }
        return value;
    }
}

package io.switchboard.channel.whatsapp;

import io.switchboard.config.SecretBox;
import io.switchboard.db.Database;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real inbound pipeline for tests: a fresh migrated database, a tenant with a connected number,
 * the receiver on a free port, a poller, and helpers to post signed webhooks over real HTTP.
 */
final class InboundKit implements AutoCloseable {
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String APP_SECRET = "app-secret-0123456789abcdef";
    static final String VERIFY_TOKEN = "verify-token-xyz";

    final Database db;
    final SecretBox secrets;
    final UUID tenantId;
    final WhatsAppAccountService accounts;
    final AccountCache cache;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebhookReceiver receiver;

    InboundKit() {
        db = TestDatabase.open();
        secrets = newSecretBox();
        tenantId = new TenantService(db).create("Acme").id();
        accounts = new WhatsAppAccountService(db, secrets);
        accounts.connect(tenantId, WhatsAppConnection.of(PHONE_NUMBER_ID, "EAAGaccess-token-secret", APP_SECRET, VERIFY_TOKEN));
        cache = new AccountCache(accounts);
    }

    static SecretBox newSecretBox() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretBox(key);
    }

    InboundKit withReceiver() {
        receiver = new WebhookReceiver(db, cache, 0);
        receiver.start();
        return this;
    }

    WebhookReceiver receiver() {
        return receiver;
    }

    EventPoller poller() {
        return new EventPoller(db, 1, 100);
    }

    URI webhookUri(String query) {
        return URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH + (query == null ? "" : "?" + query));
    }

    HttpResponse<String> postSigned(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, WebhookSignature.sign(APP_SECRET, bytes));
    }

    HttpResponse<String> post(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhookUri(null))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String fixture(String name) {
        try (InputStream in = InboundKit.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores an event as the receiver would, without HTTP (for tests about the poller alone). */
    UUID storeEvent(String body) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_events (event_type, payload, status, created_at) "
                    + "VALUES ('whatsapp', switchboard_try_jsonb(?), 'unprocessed', clock_timestamp()) RETURNING id")) {
                ps.setString(1, body);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    /** Stores many events in one statement, in list order (created_at increasing). */
    void storeEvents(List<String> bodies) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO webhook_events (event_type, payload, status, created_at) "
                    + "SELECT 'whatsapp', switchboard_try_jsonb(b), 'unprocessed', NOW() + n * interval '1 microsecond' "
                    + "FROM unnest(?::text[]) WITH ORDINALITY AS x(b, n)")) {
                ps.setArray(1, c.createArrayOf("text", bodies.toArray(new String[0])));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * An outbound template message the sender has handed to Meta: status sent, the wamid stored,
     * sent_at as given (null: no sender time, so webhooks fill it).
     */
    UUID sentMessage(String to, String wamid, LocalDateTime sentAt) {
        UUID id = new OutboxService(db).queueTo(tenantId, to, OutboundContent.template("order_update", "en_US", List.of(), List.of(), "Your order shipped")).messageId();
        update("UPDATE messages SET external_message_id = ?, status = 'sent', sent_at = ? WHERE id = ?", wamid, sentAt, id);
        return id;
    }

    void update(String sql, Object... params) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                return ps.executeUpdate();
            }
        });
    }

    List<Map<String, Object>> rows(String sql, Object... params) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof java.sql.Timestamp t) {
                            v = t.toLocalDateTime();
                        }
                        row.put(md.getColumnLabel(i), v);
                    }
                    out.add(row);
                }
                return out;
            }
        });
    }

    Map<String, Object> row(String sql, Object... params) {
        List<Map<String, Object>> all = rows(sql, params);
        if (all.size() != 1) {
            throw new AssertionError("expected one row from " + sql + " but got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    long count(String sql, Object... params) {
        return ((Number) row(sql, params).values().iterator().next()).longValue();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.stop(Duration.ZERO);
        }
        db.close();
    }
}

package io.switchboard.campaign;

import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.db.Database;
import io.switchboard.delivery.OutboundFixture;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

/**
 * A tenant with a WhatsApp number pointing at a running sandbox, an approved template "order_update" (en_US,
 * "Hi {{1}}, your order {{2}} has shipped.") and helpers to add contacts: what every campaign test starts from.
 */
public final class CampaignKit implements AutoCloseable {
    public static final String TEMPLATE = "order_update";
    public final OutboundFixture fx;
    public final Database db;
    public final UUID tenant;
    public final CampaignService campaigns;
    public final CampaignFunnel funnel;

    public CampaignKit() {
        this(SandboxOptions.silent(), 1_000);
    }

    public CampaignKit(SandboxOptions options, int rate) {
        this(options, rate, null);
    }

    /** With the sandbox posting its webhooks to {@code webhookUrl}. */
    public CampaignKit(SandboxOptions options, int rate, java.net.URI webhookUrl) {
        fx = new OutboundFixture(options, webhookUrl, rate);
        db = fx.db;
        tenant = fx.tenantId;
        campaigns = new CampaignService(db);
        funnel = new CampaignFunnel(db);
        fx.sandbox.registerTemplate(OutboundFixture.PHONE_NUMBER_ID, TEMPLATE, "en_US", 0, 2);
        exec("""
                INSERT INTO templates (tenant_id, name, language, body, category, status, meta_status)
                VALUES (?, ?, 'en_US', 'Hi {{1}}, your order {{2}} has shipped.', 'transactional', 'approved', 'APPROVED')""", tenant, TEMPLATE);
    }

    /** {@code n} contacts +1202555NNNN named "Customer N" with metadata {"city": city, "order": "A-N"}. */
    public void contacts(int from, int n, String city) {
        exec("""
                INSERT INTO contacts (tenant_id, phone, name, metadata, created_at)
                SELECT ?, '+1202555' || lpad(g::text, 4, '0'), 'Customer ' || g, jsonb_build_object('city', ?::text, 'order', 'A-' || g), NOW()
                FROM generate_series(?, ?) g""", tenant, city, from, from + n - 1);
    }

    public CampaignDraft draft(String name, Audience audience) {
        return new CampaignDraft(tenant, name, null, TEMPLATE, "en_US",
                List.of(VariableSource.parse("name|there"), VariableSource.parse("metadata.order")), audience, null, null);
    }

    public CreatedCampaign createAll(String name) {
        return campaigns.create(draft(name, new Audience.All()));
    }

    public int exec(String sql, Object... params) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    public long count(String sql, Object... params) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public String one(String sql, Object... params) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Override
    public void close() {
        fx.close();
    }
}

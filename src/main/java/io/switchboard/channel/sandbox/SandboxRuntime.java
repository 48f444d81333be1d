package io.switchboard.channel.sandbox;

import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.config.Variable;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.db.Database;
import io.switchboard.template.TemplateSync;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox as the app runs it: started when SWITCHBOARD_SANDBOX is true, it creates the demo tenant on
 * a first start, points every sandbox account (WABA id "sandbox") at itself, fills its simulated WABA with the
 * demo templates (and those the database last synced from it), syncs them into every sandbox tenant, and lets the simulated customers write in (after a restart, only the
 * opening steps the tenant's inbox does not hold yet). Status and inbound webhooks go to {@code webhookUrl}, the
 * receiver of this process. One sandbox per database: the most recently started one serves the accounts.
 */
public final class SandboxRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxRuntime.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(\\d+)\\s*}}");

    private final CloudApiSandbox sandbox;
    private final List<SimulatedCustomers> customers;

    private SandboxRuntime(CloudApiSandbox sandbox, List<SimulatedCustomers> customers) {
        this.sandbox = sandbox;
        this.customers = customers;
    }

    private record Account(UUID tenantId, String phoneNumberId, String displayPhone, String accessToken, String appSecret) {
    }

    /** Starts the sandbox when the settings ask for it; a runtime that does nothing otherwise (or when no sandbox account exists). */
    public static SandboxRuntime start(Database database, Settings settings, URI webhookUrl) {
        if (!settings.flag(Variable.SWITCHBOARD_SANDBOX)) {
            return new SandboxRuntime(null, List.of());
        }
        return start(database, SecretBox.fromSettings(settings), webhookUrl, SandboxOptions.realistic(), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    public static SandboxRuntime start(Database database, SecretBox secrets, URI webhookUrl, SandboxOptions options, Duration firstMessageAfter,
                                       Duration messageSpacing) {
        CloudApiSandbox sandbox = CloudApiSandbox.start(options);
        try {
            SandboxDemo.createIfFirstStart(database, secrets, sandbox.baseUrl())
                    .ifPresent(id -> log.info("first start: created the demo tenant {} on the WhatsApp sandbox", id));
            List<Account> accounts = adopt(database, secrets, sandbox.baseUrl());
            if (accounts.isEmpty()) {
                sandbox.close();
                return new SandboxRuntime(null, List.of());
            }
            List<SimulatedCustomers> customers = new ArrayList<>();
            for (Account a : accounts) {
                sandbox.register(new SandboxNumber(a.phoneNumberId(), a.displayPhone(), "Switchboard Demo", SandboxDemo.SANDBOX_WABA_ID,
                        a.accessToken(), a.appSecret(), webhookUrl));
            }
            fillAndSync(database, secrets, sandbox, accounts);
            for (Account a : accounts) {
                SimulatedCustomers c = new SimulatedCustomers(sandbox, a.phoneNumberId(), SimulatedCustomers.DEFAULT);
                c.start(firstMessageAfter, messageSpacing, ScriptProgress.read(database, a.tenantId(), SimulatedCustomers.DEFAULT));
                customers.add(c);
            }
            log.info("WhatsApp sandbox at {} serving {} number(s); webhooks to {}", sandbox.baseUrl(), accounts.size(), webhookUrl);
            return new SandboxRuntime(sandbox, customers);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    public boolean active() {
        return sandbox != null;
    }

    /** The running sandbox, for tests and the "Test connection" button; null when inactive. */
    public CloudApiSandbox sandbox() {
        return sandbox;
    }

    /** Points every sandbox account at this sandbox's base URL and reads their secrets. */
    private static List<Account> adopt(Database database, SecretBox secrets, String baseUrl) {
        return database.inJdbcTransaction(c -> {
            List<Account> accounts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE whatsapp_accounts SET api_base_url = ?, updated_at = NOW()
                    WHERE waba_id = ? AND status = 'active'
                    RETURNING tenant_id, phone_number_id, display_phone, access_token_enc, app_secret_enc""")) {
                ps.setString(1, baseUrl);
                ps.setString(2, SandboxDemo.SANDBOX_WABA_ID);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        accounts.add(new Account(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3) == null ? SandboxDemo.DISPLAY_PHONE : rs.getString(3),
                                secrets.decrypt(rs.getString(4)), secrets.decrypt(rs.getString(5))));
                    }
                }
            }
            return accounts;
        });
    }

    /** The demo WABA's templates, as they would be set up in WhatsApp Manager: Meta's components JSON. */
    static final List<String[]> DEMO_TEMPLATES = List.of(
            new String[] {"hello_world", "UTILITY", """
                    [{"type":"BODY","text":"Hello! Thanks for writing to Switchboard Demo. How can we help you today?"}]"""},
            new String[] {"order_update", "UTILITY", """
                    [{"type":"BODY","text":"Hi {{1}}, your order {{2}} is on its way. Reply here if you have any questions.",
                      "example":{"body_text":[["Ana","#4821"]]}}]"""},
            new String[] {"parcel_tracking", "UTILITY", """
                    [{"type":"HEADER","format":"IMAGE","example":{"header_handle":["https://example.com/parcel.jpg"]}},
                     {"type":"BODY","text":"Hi {{1}}, parcel {{2}} arrives {{3}}.","example":{"body_text":[["Ana","#4821","tomorrow"]]}},
                     {"type":"FOOTER","text":"Switchboard Demo deliveries"},
                     {"type":"BUTTONS","buttons":[{"type":"URL","text":"Track parcel","url":"https://example.com/track/{{1}}","example":["https://example.com/track/4821"]},
                                                  {"type":"QUICK_REPLY","text":"Talk to a person"}]}]"""});

    /**
     * The sandbox keeps no files, so its simulated WABA starts from what the database last synced from it
     * (templates still listed, with their status) plus the demo templates; then every sandbox tenant syncs.
     */
    private static void fillAndSync(Database database, SecretBox secrets, CloudApiSandbox sandbox, List<Account> accounts) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT ON (t.name, t.language) t.name, t.language, COALESCE(t.meta_category, 'UTILITY'), t.meta_status, t.components::text
                    FROM templates t JOIN whatsapp_accounts a ON a.tenant_id = t.tenant_id AND a.waba_id = ?
                    WHERE t.components IS NOT NULL AND t.meta_status IS NOT NULL AND t.deleted_at_meta IS NULL
                    ORDER BY t.name, t.language, t.updated_at DESC""")) {
                ps.setString(1, SandboxDemo.SANDBOX_WABA_ID);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!sandbox.hasTemplate(SandboxDemo.SANDBOX_WABA_ID, rs.getString(1), rs.getString(2))) {
                            sandbox.addTemplate(SandboxDemo.SANDBOX_WABA_ID, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                        }
                    }
                }
            }
            return null;
        });
        for (String[] t : DEMO_TEMPLATES) {
            if (!sandbox.hasTemplate(SandboxDemo.SANDBOX_WABA_ID, t[0], "en_US")) {
                sandbox.addTemplate(SandboxDemo.SANDBOX_WABA_ID, t[0], "en_US", t[1], "APPROVED", t[2]);
            }
        }
        TemplateSync sync = new TemplateSync(database, new WhatsAppAccountService(database, secrets), new CloudApiClient());
        accounts.stream().map(Account::tenantId).distinct().forEach(tenant -> {
            try {
                log.info("sandbox: tenant {}: {}", tenant, sync.sync(tenant).summary());
            } catch (RuntimeException e) {
                log.warn("sandbox: template sync of tenant {} failed: {}", tenant, e.getMessage());
            }
        });
    }

    /** {{1}}…{{n}}: the highest number is how many parameters Meta expects. */
    static int placeholders(String text) {
        int max = 0;
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    @Override
    public void close() {
        customers.forEach(SimulatedCustomers::close);
        if (sandbox != null) {
            sandbox.close();
        }
    }
}

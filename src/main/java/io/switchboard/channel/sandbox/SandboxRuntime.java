package io.switchboard.channel.sandbox;

import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.config.Variable;
import io.switchboard.db.Database;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox as the app runs it: started when SWITCHBOARD_SANDBOX is true, it creates the demo tenant on
 * a first start, points every sandbox account (WABA id "sandbox") at itself, learns their approved templates,
 * and lets the simulated customers write in. Status and inbound webhooks go to {@code webhookUrl}, the
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
            learnTemplates(database, sandbox, accounts);
            sandbox.scheduler().scheduleWithFixedDelay(() -> {
                try {
                    learnTemplates(database, sandbox, accounts);
                } catch (RuntimeException e) {
                    log.debug("sandbox: could not refresh templates: {}", e.toString());
                }
            }, 10, 10, TimeUnit.SECONDS);
            for (Account a : accounts) {
                SimulatedCustomers c = new SimulatedCustomers(sandbox, a.phoneNumberId(), SimulatedCustomers.DEFAULT);
                c.start(firstMessageAfter, messageSpacing);
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

    private static void learnTemplates(Database database, CloudApiSandbox sandbox, List<Account> accounts) {
        database.inJdbcTransaction(c -> {
            for (Account a : accounts) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT name, language, COALESCE(header_text, ''), body FROM templates WHERE tenant_id = ? AND status = 'approved'")) {
                    ps.setObject(1, a.tenantId());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sandbox.registerTemplate(a.phoneNumberId(), rs.getString(1), rs.getString(2), placeholders(rs.getString(3)), placeholders(rs.getString(4)));
                        }
                    }
                }
            }
            return null;
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

package io.switchboard.bench;

import io.switchboard.channel.sandbox.CloudApiSandbox;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.config.SecretBox;
import io.switchboard.template.TemplateSync;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * "A WABA with hundreds of templates syncs in seconds": a tenant whose WABA at the sandbox lists N templates
 * (pages of 100 over real HTTP) is synced twice — first every template is new, then every one is updated —
 * on the app's embedded PostgreSQL.
 *
 * <p>Run: {@code bench/run.sh TemplateSyncBenchmark [templates]} (default 1000).
 */
public final class TemplateSyncBenchmark {
    private TemplateSyncBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        System.out.println("machine: " + BenchEnvironment.machine());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBox secrets = new SecretBox(key);
        try (BenchEnvironment env = new BenchEnvironment(4); CloudApiSandbox sandbox = CloudApiSandbox.start(SandboxOptions.silent())) {
            String token = "EAAbench" + UUID.randomUUID();
            sandbox.register(new SandboxNumber("100000000000888", "+15550100888", "Bench", "waba-bench", token, "secret", null));
            for (int i = 0; i < n; i++) {
                sandbox.addTemplate("waba-bench", "notice_" + i, i % 2 == 0 ? "en_US" : "de", i % 3 == 0 ? "MARKETING" : "UTILITY", "APPROVED", """
                        [{"type":"HEADER","format":"TEXT","text":"Notice {{1}}","example":{"header_text":["#1"]}},
                         {"type":"BODY","text":"Hi {{1}}, notice %d is about {{2}}.","example":{"body_text":[["Ana","your order"]]}},
                         {"type":"FOOTER","text":"Reply STOP to opt out"},
                         {"type":"BUTTONS","buttons":[{"type":"URL","text":"Open","url":"https://example.com/n/{{1}}","example":["https://example.com/n/1"]}]}]"""
                        .formatted(i));
            }
            UUID tenant = env.db().inJdbcTransaction(c -> {
                UUID id;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (name) VALUES ('Bench') RETURNING id"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getObject(1, UUID.class);
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, waba_id, access_token_enc, app_secret_enc, verify_token_enc, api_base_url)
                        VALUES (?, '100000000000888', 'waba-bench', ?, ?, ?, ?)""")) {
                    ps.setObject(1, id);
                    ps.setString(2, secrets.encrypt(token));
                    ps.setString(3, secrets.encrypt("secret"));
                    ps.setString(4, secrets.encrypt("verify"));
                    ps.setString(5, sandbox.baseUrl());
                    ps.executeUpdate();
                }
                return id;
            });
            TemplateSync sync = new TemplateSync(env.db(), new WhatsAppAccountService(env.db(), secrets), new CloudApiClient());
            for (String round : new String[] {"first (all new)", "second (all updated)", "third (all updated)"}) {
                long t0 = System.nanoTime();
                TemplateSync.Report r = sync.sync(tenant);
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("sync %s: %d templates, %d pages in %.3f s = %.0f templates/s (%s)%n", round, r.templates(), r.pages(), s,
                        r.templates() / s, r.summary());
            }
            System.out.println("rows: " + env.count("SELECT COUNT(*) FROM templates WHERE status = 'approved'"));
        }
    }
}

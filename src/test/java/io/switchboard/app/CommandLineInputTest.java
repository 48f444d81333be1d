package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.SecretBox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Edge cases typed at the command line: each is refused with one line on stderr and exit code 1, and nothing is stored. */
class CommandLineInputTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(false);

    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @AfterEach
    void close() {
        cli.close();
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), cli::settings, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private UUID tenantWithANumber(String name) {
        UUID tenant = cli.tenant(name);
        SecretBox secrets = SecretBox.fromSettings(cli.settings());
        cli.execute("""
                INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc)
                VALUES (?, ?, ?, ?, ?)""", tenant, "1065403522" + Math.abs(tenant.hashCode() % 100_000), secrets.encrypt("EAAtoken"),
                secrets.encrypt("secret"), secrets.encrypt("verify"));
        cli.execute("INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'hello', 'en_US', 'Hello!', 'approved')", tenant);
        return tenant;
    }

    @Test
    void aNumberWithoutPlusIsRefusedWithTheInternationalFormHintAndNothingIsQueued() {
        UUID tenant = tenantWithANumber("Acme");

        Result r = run("send", "--tenant", tenant.toString(), "--to", "5554440001", "--template", "hello", "--language", "en_US");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("switchboard: to: \"5554440001\" has no country code: write it in international form with \"+\" and the"
                + " country code (e.g. +4915112345678), or set the tenant's default country");
        assertThat(cli.one("SELECT COUNT(*) FROM messages")).isEqualTo("0");
        assertThat(cli.one("SELECT COUNT(*) FROM contacts")).isEqualTo("0");
    }

    @Test
    void withADefaultCountryTheNumberIsReadThereAndThatIsSaidOnStderr() {
        UUID tenant = tenantWithANumber("Loja");
        Result updated = run("tenant", "update", "--tenant", tenant.toString(), "--default-country", "br");
        assertThat(updated.exitCode()).as(updated.err()).isZero();
        assertThat(updated.out()).isEqualTo(tenant + "\tactive\tBR\tLoja" + System.lineSeparator());

        Result r = run("send", "--tenant", tenant.toString(), "--to", "11 98765-4321", "--template", "hello", "--language", "en_US");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.errLines()).containsExactly("switchboard: read \"11 98765-4321\" as a number in BR (the tenant's default country): +5511987654321");
        UUID id = UUID.fromString(r.out().strip());
        assertThat(cli.one("SELECT c.phone FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE m.id = ?", id)).isEqualTo("+5511987654321");
        // International form is never reinterpreted, and says nothing.
        Result international = run("send", "--tenant", tenant.toString(), "--to", "+15554440001", "--template", "hello", "--language", "en_US");
        assertThat(international.exitCode()).isZero();
        assertThat(international.err()).isEmpty();
    }

    @Test
    void anUnknownDefaultCountryIsRefused() {
        Result r = run("tenant", "create", "--name", "Nowhere", "--default-country", "XQ");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("switchboard: default_country: \"XQ\" is not a country code phone numbers know (use ISO 3166-1 alpha-2, e.g. BR, DE, US)");
        assertThat(cli.one("SELECT COUNT(*) FROM tenants")).isEqualTo("0");
    }

    @Test
    void controlCharactersInATenantNameAreRefusedSoListKeepsItsColumns() {
        for (String name : List.of("Acme\nInjected\tline", "Red\u001b[31m shop", "Tab\there", "Bidi\u202Eevil")) {
            Result r = run("tenant", "create", "--name", name);

            assertThat(r.exitCode()).as(name).isEqualTo(1);
            assertThat(r.errLines()).as(name).hasSize(1);
            assertThat(r.err()).startsWith("switchboard: name: must not contain control characters");
        }
        assertThat(run("tenant", "create", "--name", "Red\u001b[31m shop").err()).contains("an escape character (U+001B) at position 4");
        assertThat(cli.one("SELECT COUNT(*) FROM tenants")).isEqualTo("0");
        Result listed = run("tenant", "list");
        assertThat(listed.out()).isEmpty();
    }

    @Test
    void aDuplicateTenantNameIsRefusedIgnoringCaseUnlessAllowed() {
        Result first = run("tenant", "create", "--name", "Acme Corp");
        assertThat(first.exitCode()).isZero();
        UUID id = UUID.fromString(first.out().strip());

        Result again = run("tenant", "create", "--name", "  ACME corp ");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).containsExactly("switchboard: name: a tenant named \"Acme Corp\" already exists (" + id
                + "); choose another name, or allow the duplicate (--allow-duplicate)");
        assertThat(cli.one("SELECT COUNT(*) FROM tenants")).isEqualTo("1");

        Result allowed = run("tenant", "create", "--name", "ACME Corp", "--allow-duplicate");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(cli.one("SELECT COUNT(*) FROM tenants")).isEqualTo("2");

        Result flagWithValue = run("tenant", "create", "--name", "X", "--allow-duplicate=yes");
        assertThat(flagWithValue.exitCode()).isEqualTo(2);
        assertThat(flagWithValue.errLines()).containsExactly("switchboard: tenant create: --allow-duplicate takes no value");
    }

    @Test
    void sendingFromATenantWithoutAnActiveNumberIsRefusedAtOnceWithThatReason() {
        UUID tenant = cli.tenant("No number");
        cli.execute("INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'hello', 'en_US', 'Hello!', 'approved')", tenant);
        String reason = "switchboard: tenant: has no active WhatsApp number to send from; connect one first (whatsapp connect --tenant ID …)";

        Result template = run("send", "--tenant", tenant.toString(), "--to", "+4915112345678", "--template", "hello", "--language", "en_US");
        // Free text to someone outside the 24-hour window: the missing number is the reason, not the window.
        Result text = run("send", "--tenant", tenant.toString(), "--to", "+4915112345678", "--text", "hi");

        assertThat(template.exitCode()).isEqualTo(1);
        assertThat(template.errLines()).containsExactly(reason);
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.errLines()).containsExactly(reason);
        assertThat(cli.one("SELECT COUNT(*) FROM messages")).isEqualTo("0");
    }
}

package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendCommandTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(false);
    private final UUID tenant = cli.tenant("Acme");

    SendCommandTest() {
        io.switchboard.config.SecretBox secrets = io.switchboard.config.SecretBox.fromSettings(cli.settings());
        cli.execute("""
                INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc)
                VALUES (?, '106540352200001', ?, ?, ?)""", tenant, secrets.encrypt("EAAtoken"), secrets.encrypt("secret"), secrets.encrypt("verify"));
    }

    @AfterEach
    void close() {
        cli.close();
    }

    private String send(String... args) {
        List<String> all = new ArrayList<>(List.of("--tenant", tenant.toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Commands.dispatch("send", all, cli.settings(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.OK);
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void aTemplateIsQueuedWithItsParametersAndTheIdIsPrinted() {
        cli.execute("INSERT INTO templates (tenant_id, name, language, body, status) VALUES (?, 'order_update', 'en_US', 'Hi {{1}}, order {{2}} ships today.', 'approved')",
                tenant);

        String printed = send("--to", "+49 151 12345678", "--template", "order_update", "--language", "en_US", "--param", "Ana", "--param", "#4821");

        UUID id = UUID.fromString(printed);
        assertThat(cli.one("SELECT status || '|' || type || '|' || content FROM messages WHERE id = ? AND tenant_id = ?", id, tenant))
                .isEqualTo("queued|template|Hi Ana, order #4821 ships today.");
        assertThat(cli.one("SELECT metadata->'template'->>'body_params' FROM messages WHERE id = ?", id)).isEqualTo("[\"Ana\", \"#4821\"]");
        assertThat(cli.one("SELECT c.phone FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE m.id = ?", id)).isEqualTo("+4915112345678");
    }

    @Test
    void aTextToSomeoneWhoWroteTodayIsQueued() {
        cli.execute("INSERT INTO contacts (tenant_id, phone, last_inbound_at) VALUES (?, '+4915112345678', NOW() - INTERVAL '1 hour')", tenant);

        UUID id = UUID.fromString(send("--to", "+4915112345678", "--text", "On its way!"));

        assertThat(cli.one("SELECT status || '|' || type || '|' || content FROM messages WHERE id = ?", id)).isEqualTo("queued|text|On its way!");
    }

    @Test
    void errorsNameTheFieldAndQueueNothing() {
        assertThatThrownBy(() -> send("--to", "12", "--text", "hi"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> send("--to", "+4915112345678", "--text", "hi"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains("24 hours"));
        assertThatThrownBy(() -> send("--to", "+4915112345678", "--template", "x", "--language", "english"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("language"));
        assertThatThrownBy(() -> send("--to", "+4915112345678", "--text", "hi", "--template", "x"))
                .isInstanceOf(UsageException.class).hasMessageContaining("either --text or --template");
        assertThatThrownBy(() -> send("--text", "hi")).isInstanceOf(UsageException.class).hasMessageContaining("--to");
        assertThat(cli.one("SELECT COUNT(*) FROM messages")).isEqualTo("0");
    }
}

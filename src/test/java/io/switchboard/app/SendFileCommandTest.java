package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channel.sandbox.SampleMedia;
import io.switchboard.common.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendFileCommandTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(false);
    private final UUID tenant = cli.tenant("Acme");
    @TempDir
    Path dir;

    SendFileCommandTest() {
        io.switchboard.config.SecretBox secrets = io.switchboard.config.SecretBox.fromSettings(cli.settings());
        cli.execute("""
                INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc)
                VALUES (?, '106540352200001', ?, ?, ?)""", tenant, secrets.encrypt("EAAtoken"), secrets.encrypt("secret"), secrets.encrypt("verify"));
        cli.execute("INSERT INTO contacts (tenant_id, phone, last_inbound_at) VALUES (?, '+4915112345678', NOW() - INTERVAL '1 hour')", tenant);
    }

    @AfterEach
    void close() {
        cli.close();
    }

    private String send(String... args) {
        List<String> all = new ArrayList<>(List.of("--tenant", tenant.toString(), "--to", "+4915112345678"));
        all.addAll(List.of(args));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Commands.dispatch("send", all, cli.settings(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.OK);
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void aPdfIsStoredOnceAndQueuedAsADocumentForTheSenderToUpload() throws Exception {
        Path pdf = dir.resolve("Invoice 2041.pdf");
        Files.write(pdf, SampleMedia.invoice("x.pdf", List.of("Invoice 2041")).bytes());

        UUID id = UUID.fromString(send("--file", pdf.toString(), "--caption", "Your invoice"));

        assertThat(cli.one("SELECT status || '|' || type || '|' || content_type || '|' || content FROM messages WHERE id = ?", id))
                .isEqualTo("queued|doc|document|Your invoice");
        assertThat(cli.one("SELECT metadata->'media'->>'filename' FROM messages WHERE id = ?", id)).isEqualTo("Invoice 2041.pdf");
        assertThat(cli.one("SELECT f.size_bytes::text FROM messages m JOIN media_files f ON f.tenant_id = m.tenant_id AND f.sha256 = m.metadata->'media'->>'stored_sha256' WHERE m.id = ?", id))
                .isEqualTo(String.valueOf(Files.size(pdf)));
        send("--file", pdf.toString());
        assertThat(cli.one("SELECT COUNT(*) FROM media_files")).isEqualTo("1");
    }

    @Test
    void filesWhatsAppWouldRefuseAreRefusedBeforeAnythingIsStored() throws Exception {
        Path big = dir.resolve("huge.png");
        byte[] png = SampleMedia.photo("x", false).bytes();
        byte[] bytes = new byte[6 * 1024 * 1024];
        System.arraycopy(png, 0, bytes, 0, png.length);
        Files.write(big, bytes);
        Path exe = dir.resolve("setup.exe");
        Files.write(exe, new byte[] {'M', 'Z', 0, 0, 1, 2, 3});
        Path fakePdf = dir.resolve("invoice.pdf");
        Files.writeString(fakePdf, "<html><script>alert(1)</script></html>");

        assertThatThrownBy(() -> send("--file", big.toString())).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).isEqualTo("file: is 6 MB; WhatsApp takes image files up to 5 MB"));
        assertThatThrownBy(() -> send("--file", exe.toString())).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).contains("WhatsApp cannot send application/x-executable"));
        assertThatThrownBy(() -> send("--file", fakePdf.toString())).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).contains("does not contain what its name says"));
        assertThatThrownBy(() -> send("--file", dir.resolve("missing.pdf").toString())).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("file"));
        assertThatThrownBy(() -> send("--text", "hi", "--caption", "x")).isInstanceOf(UsageException.class).hasMessageContaining("--caption");
        assertThat(cli.one("SELECT COUNT(*) FROM messages")).isEqualTo("0");
        assertThat(cli.one("SELECT COUNT(*) FROM media_files")).isEqualTo("0");
    }
}

package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MediaCommandTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(false);
    private final UUID tenant = cli.tenant("Acme");

    @AfterEach
    void close() {
        cli.close();
    }

    private String media(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Commands.dispatch("media", List.of(args), cli.settings(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(Main.OK);
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void theCapIsSetAndTheTotalPrintedAgainstIt() {
        cli.execute("INSERT INTO media_files (tenant_id, sha256, mime_type, size_bytes, store, content) VALUES (?, repeat('a', 64), 'application/pdf', 3, 'database', '\\x255044'::bytea)",
                tenant);
        assertThat(media("usage", "--tenant", tenant.toString())).isEqualTo("1 files\t3 bytes used\t2147483648 bytes cap\t3 B of 2 GB (0%)");
        assertThat(media("cap", "--tenant", tenant.toString(), "--megabytes", "50")).isEqualTo("1 files\t3 bytes used\t52428800 bytes cap\t3 B of 50 MB (0%)");
        assertThatThrownBy(() -> media("cap", "--tenant", tenant.toString(), "--megabytes", "lots"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("megabytes"));
        assertThatThrownBy(() -> media("cap", "--tenant", UUID.randomUUID().toString(), "--megabytes", "5"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("tenant"));
        assertThatThrownBy(() -> media("purge")).isInstanceOf(UsageException.class).hasMessageContaining("\"usage\" or \"cap\"");
    }
}

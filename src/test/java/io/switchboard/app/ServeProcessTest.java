package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code serve} as an operator runs it: a separate JVM, stopped with SIGTERM. */
class ServeProcessTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(true);
    private ChildApp serve;

    @AfterEach
    void close() {
        if (serve != null) {
            serve.close();
        }
        cli.close();
    }

    @Test
    void sendsWhatIsQueuedAndExitsZeroOnSigterm() {
        serve = ChildApp.serve(cli.environment, ChildApp.freePort());
        // First start with the sandbox on: the demo tenant exists and its account points at the sandbox.
        UUID tenant = UUID.fromString(cli.one("SELECT id FROM tenants"));
        UUID id = new OutboxService(cli.db).queueTo(tenant, "+447700900123",
                OutboundContent.template("hello_world", "en_US", List.of(), List.of(), "Hello!")).messageId();
        serve.awaitTrue(() -> "sent".equals(cli.one("SELECT status FROM messages WHERE id = ?", id)), Duration.ofSeconds(20));

        serve.terminate(Duration.ofSeconds(30));

        assertThat(serve.process().exitValue()).as("exit code; output: %s", serve.output()).isZero();
        assertThat(serve.output()).anyMatch(l -> l.startsWith("Stopping")).anyMatch(l -> l.equals("Stopped."));
        assertThat(cli.one("SELECT external_message_id FROM messages WHERE id = ?", id)).startsWith("wamid.");
    }
}

package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code serve} as an operator runs it: a separate JVM, stopped with SIGTERM. */
class ServeProcessTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(true);
    private Process process;

    @AfterEach
    void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        cli.close();
    }

    @Test
    void sendsWhatIsQueuedAndExitsZeroOnSigterm() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp", classPath,
                "io.switchboard.app.Main", "serve", "--port", String.valueOf(port));
        pb.environment().putAll(cli.environment);
        pb.redirectErrorStream(true);
        process = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(output::add);
            } catch (Exception e) {
                output.add("reader stopped: " + e);
            }
        });
        reader.start();

        awaitTrue(() -> output.stream().anyMatch(l -> l.startsWith("Serving on port " + port)), Duration.ofSeconds(60), output);
        // First start with the sandbox on: the demo tenant exists and its account points at the sandbox.
        UUID tenant = UUID.fromString(cli.one("SELECT id FROM tenants"));
        UUID id = new OutboxService(cli.db).queueTo(tenant, "+447700900123",
                OutboundContent.template("hello_world", "en_US", List.of(), List.of(), "Hello!")).messageId();
        awaitTrue(() -> "sent".equals(cli.one("SELECT status FROM messages WHERE id = ?", id)), Duration.ofSeconds(20), output);

        // SIGTERM as an init system sends it (Process.destroy would also close our end of the output pipe).
        new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s: %s", output).isTrue();
        reader.join(5_000);

        assertThat(process.exitValue()).as("exit code; output: %s", output).isZero();
        assertThat(output).anyMatch(l -> l.startsWith("Stopping")).anyMatch(l -> l.equals("Stopped."));
        assertThat(cli.one("SELECT external_message_id FROM messages WHERE id = ?", id)).startsWith("wamid.");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, List<String> output) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s; output: %s", timeout, output).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

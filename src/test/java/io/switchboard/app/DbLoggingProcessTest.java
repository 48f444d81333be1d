package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DB_LOGGING=true as a script sees it, in a JVM of its own: stdout is the command's result only,
 * every statement goes to stderr and to the log file, for one-shot commands and for {@code serve}.
 */
class DbLoggingProcessTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(false);
    private Process process;

    @AfterEach
    void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        cli.close();
    }

    @Test
    void aCommandsStdoutIsItsResultWhileEveryStatementGoesToStderrAndTheLogFile() throws Exception {
        Finished run = run(Map.of("DB_LOGGING", "true"), "tenant", "create", "--name", "Florist");

        assertThat(run.code).as("exit code; stderr: %s", run.stderr).isZero();
        assertThat(run.stdout.lines().toList()).as("stdout is the new tenant's id and nothing else")
                .singleElement().satisfies(line -> assertThat(line).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        String insert = run.stderr.lines().filter(l -> l.toLowerCase().startsWith("insert into tenants")).findFirst().orElse(null);
        assertThat(insert).as("the INSERT on stderr: %s", run.stderr).isNotNull();
        assertThat(run.stderr).as("Flyway's and the pool's own statements too").containsIgnoringCase("select");
        assertThat(run.stderr).as("never the values").doesNotContain("Florist");

        Path log = cli.home.resolve("logs").resolve("switchboard.log");
        assertThat(Files.readString(log)).contains(insert);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void withoutDbLoggingNoStatementIsLogged() throws Exception {
        Finished run = run(Map.of("DB_LOGGING", "false"), "tenant", "create", "--name", "Baker");

        assertThat(run.code).isZero();
        assertThat(run.stdout.lines().toList()).hasSize(1);
        assertThat(run.stderr).doesNotContainIgnoringCase("insert into").doesNotContainIgnoringCase("select ");
        assertThat(Files.readString(cli.home.resolve("logs").resolve("switchboard.log"))).doesNotContainIgnoringCase("insert into tenants");
    }

    @Test
    void serveLogsItsWorkersStatementsToStderrAndKeepsStdoutForItsOwnLines() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        process = start(Map.of("DB_LOGGING", "true"), "serve", "--port", String.valueOf(port));
        StringBuffer stdout = collect(process.getInputStream());
        StringBuffer stderr = collect(process.getErrorStream());

        await(() -> stdout.toString().contains("Serving on port " + port), stdout, stderr);
        // The event poller and the sender claim work from the database on their own schedule.
        await(() -> stderr.toString().toLowerCase().contains("webhook_events"), stdout, stderr);
        new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(stdout.toString().lines().toList()).as("stdout: %s", stdout).allMatch(l -> l.startsWith("Serving on port ")
                || l.startsWith("Stopping") || l.equals("Stopped."));
        assertThat(Files.readString(cli.home.resolve("logs").resolve("switchboard.log")).toLowerCase()).contains("webhook_events");
    }

    private record Finished(int code, String stdout, String stderr) {
    }

    private Finished run(Map<String, String> env, String... args) throws Exception {
        Process p = start(env, args);
        StringBuffer out = collect(p.getInputStream());
        StringBuffer err = collect(p.getErrorStream());
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("finished; stderr %s", err).isTrue();
        Thread.sleep(100);
        return new Finished(p.exitValue(), out.toString(), err.toString());
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classPath, "io.switchboard.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cli.home.toFile());
        pb.environment().putAll(cli.environment);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static StringBuffer collect(InputStream stream) {
        StringBuffer text = new StringBuffer();
        Thread reader = new Thread(() -> {
            try {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = stream.read(buffer)) > 0) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                text.append("\n(reader stopped: ").append(e).append(')');
            }
        });
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static void await(BooleanSupplier condition, StringBuffer stdout, StringBuffer stderr) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("stdout %s; stderr %s", stdout, stderr).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

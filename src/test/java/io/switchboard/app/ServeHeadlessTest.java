package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} runs on a server with no display and no GTK: its whole life (start, the sandbox, the workers,
 * SIGTERM) must never touch JavaFX, whose first class would try to load the toolkit. The JVM's own class-load
 * log is the witness, so no code path can hide a JavaFX class from this test.
 */
class ServeHeadlessTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(true);
    private Process process;

    @TempDir
    Path folder;

    @AfterEach
    void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        cli.close();
    }

    @Test
    void serveLoadsNoJavaFxClassFromStartToStop() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path classLog = folder.resolve("classes.log");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Xlog:class+load=info:file=" + classLog, "-cp", classPath, "io.switchboard.app.Main", "serve", "--port", String.valueOf(port));
        pb.environment().putAll(cli.environment);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (output.stream().noneMatch(l -> l.startsWith("Serving on port " + port))) {
            assertThat(process.isAlive()).as("serve still running; output: %s", output).isTrue();
            assertThat(System.nanoTime()).as("serving within 120 s; output: %s", output).isLessThan(deadline);
            Thread.sleep(50);
        }
        // The sandbox's customers write a few seconds after start: let the poller and the sender handle them too.
        Thread.sleep(3_000);
        new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s: %s", output).isTrue();
        reader.join(5_000);

        assertThat(process.exitValue()).as("exit code; output: %s", output).isZero();
        List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
        assertThat(loaded).as("the class-load log works").anyMatch(l -> l.contains(" io.switchboard.app.Serve "));
        assertThat(loaded).as("JavaFX classes loaded by serve")
                .noneMatch(l -> l.matches(".*\\] (javafx\\.|com\\.sun\\.javafx\\.|com\\.sun\\.glass\\.|com\\.sun\\.prism\\.).*"));
    }
}

package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    private ChildApp serve;

    @TempDir
    Path folder;

    @AfterEach
    void close() {
        if (serve != null) {
            serve.close();
        }
        cli.close();
    }

    @Test
    void serveLoadsNoJavaFxClassFromStartToStop() throws Exception {
        int port = ChildApp.freePort();
        Path classLog = folder.resolve("classes.log");
        serve = ChildApp.start(List.of("-Xlog:class+load=info:file=" + classLog), env -> {
            env.putAll(cli.environment);
            env.remove("DISPLAY");
            env.remove("WAYLAND_DISPLAY");
        }, "serve", "--port", String.valueOf(port));
        serve.awaitLine("Serving on port " + port, Duration.ofSeconds(120));
        // The sandbox's customers write a few seconds after start: let the poller and the sender handle them too.
        Thread.sleep(3_000);
        serve.terminate(Duration.ofSeconds(30));

        assertThat(serve.process().exitValue()).as("exit code; output: %s", serve.output()).isZero();
        List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
        assertThat(loaded).as("the class-load log works").anyMatch(l -> l.contains(" io.switchboard.app.Serve "));
        assertThat(loaded).as("JavaFX classes loaded by serve")
                .noneMatch(l -> l.matches(".*\\] (javafx\\.|com\\.sun\\.javafx\\.|com\\.sun\\.glass\\.|com\\.sun\\.prism\\.).*"));
    }
}

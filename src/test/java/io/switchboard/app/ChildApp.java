package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The app's {@code Main} in a JVM of its own, as an operator or an init system runs it: the crash, stop and
 * headless tests need a process they can SIGKILL or SIGTERM while this JVM keeps counting (at the sandbox, in the
 * database). Its merged stdout and stderr are collected line by line, so a failing wait shows what the child said.
 */
final class ChildApp implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildApp(Process process) {
        this.process = process;
        this.reader = new Thread(this::collectOutput, "child-app-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code serve --port PORT}, returned once it says it is serving (60 s at most). */
    static ChildApp serve(Map<String, String> environment, int port) {
        ChildApp app = start(List.of(), env -> env.putAll(environment), "serve", "--port", String.valueOf(port));
        app.awaitLine("Serving on port " + port, Duration.ofSeconds(60));
        return app;
    }

    /**
     * Starts {@code Main args…} with the test class path, a small heap and the extra JVM options; {@code environment}
     * edits the child's environment (starting from this JVM's).
     */
    static ChildApp start(List<String> jvmOptions, Consumer<Map<String, String>> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "io.switchboard.app.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.accept(builder.environment());
        try {
            return new ChildApp(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Process process() {
        return process;
    }

    /** Every line the child wrote so far (live: later lines appear in the same list). */
    List<String> output() {
        return output;
    }

    void awaitLine(String prefix, Duration timeout) {
        awaitTrue(() -> {
            assertThat(process.isAlive() || output.stream().anyMatch(l -> l.startsWith(prefix))).as("the child is running; output: %s", output).isTrue();
            return output.stream().anyMatch(l -> l.startsWith(prefix));
        }, timeout);
    }

    /** Polls {@code condition} every 5 ms; fails with the child's output when {@code timeout} passes first. */
    void awaitTrue(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s; output: %s", timeout, output).isLessThan(deadline);
            pause();
        }
    }

    /**
     * SIGTERM, as an init system stops a service (Process.destroy would also close our end of the output pipe);
     * returns once the child has exited and its last line is in {@link #output()}.
     */
    void terminate(Duration timeout) {
        try {
            new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
            assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("stopped within %s: %s", timeout, output).isTrue();
            reader.join(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    void kill() {
        process.destroyForcibly();
        try {
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(output::add);
        } catch (IOException | UncheckedIOException e) {
            output.add("reader stopped: " + e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user meets it: a separate JVM, its real stderr and exit status, and the
 * log file in the data folder that gets the stack trace the terminal never shows.
 */
class CommandLineProcessTest {
    @TempDir
    Path folder;

    @Test
    void anUnreachableDatabaseExitsWith1AndOneLineOnStderrWhileTheTraceGoesToTheLogFile() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "migrate")
                .directory(folder.toFile())
                .redirectOutput(folder.resolve("stdout.txt").toFile())
                .redirectError(folder.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("DB_") || name.startsWith("SWITCHBOARD_"));
        builder.environment().put("DB_HOST", "127.0.0.1");
        builder.environment().put("DB_PORT", Integer.toString(closed));
        builder.environment().put("SWITCHBOARD_HOME", folder.toString());

        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        List<String> stderr = Files.readAllLines(folder.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertThat(stderr).singleElement().asString()
                .startsWith("switchboard: Connection refused by PostgreSQL at 127.0.0.1:" + closed)
                .contains("DB_HOST and DB_PORT");
        assertThat(Files.readString(folder.resolve("stdout.txt"))).isEmpty();
        String log = Files.readString(folder.resolve("logs").resolve("switchboard.log"));
        assertThat(log).contains("migrate failed").contains("java.net.ConnectException").contains("\tat ");
    }

    @Test
    void versionExitsWith0() throws Exception {
        Process process = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--version")
                .directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output).isEqualTo(Version.describe() + System.lineSeparator());
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

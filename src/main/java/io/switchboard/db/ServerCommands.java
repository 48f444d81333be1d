package io.switchboard.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the bundled PostgreSQL programs. PostgreSQL refuses to run as root; when Switchboard runs as
 * root on Linux, each program runs through {@code unshare -U}, in a user namespace of its own where
 * it is an unprivileged user with no capabilities on the host (see
 * docs/decisions/storage-01-embedded-lockdown.md for what that does and does not protect).
 */
final class ServerCommands {
    private ServerCommands() {
    }

    static List<String> command(String program, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(PostgresBinaries.bin(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a program to its end; its output goes to {@code log} (0600, in the data folder). */
    static void run(List<String> command, Path log, String stdin, long timeoutSeconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(name(command) + " did not finish within " + timeoutSeconds + " s (its output is in " + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(name(command) + " was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(name(command) + " failed with exit code " + process.exitValue() + ": " + lastLines(log));
        }
    }

    private static String name(List<String> command) {
        return Path.of(command.get(runningAsRoot() ? 2 : 0)).getFileName().toString();
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "see " + log;
        }
    }

    /** Linux reports the process's own user id on /proc/self; elsewhere Switchboard is never run as root. */
    static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}

package io.switchboard.agent;

import io.switchboard.agent.PasswordKeyring.KeyringException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of a keyring's command-line tool (secret-tool, security, powershell.exe) as a child process: the environment
 * given and nothing else, what the caller hands over on standard input (where a password travels — never in an
 * argument, which other accounts can list, and never in a file), and a timeout after which the tool is killed.
 */
final class KeyringTool {
    private final Path executable;
    private final Map<String, String> environment;

    KeyringTool(Path executable, Map<String, String> environment) {
        this.executable = executable;
        this.environment = Map.copyOf(environment);
    }

    /** What the tool said: its exit code, standard output and standard error (UTF-8). */
    record Result(int exit, String out, String err) {
    }

    /** The first executable called {@code name} in the PATH of {@code environment}. */
    static Optional<Path> onPath(String name, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", environment.getOrDefault("Path", ""));
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    Path executable() {
        return executable;
    }

    Result run(Duration timeout, String input, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        String name = executable.getFileName().toString();
        Process p = null;
        try {
            p = builder.start();
            // Pipes read on their own threads, so nothing blocks on a full pipe while we wait with a timeout.
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream stdin = p.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // The tool stopped before reading everything (it failed at once): what it said below tells why.
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new KeyringException("the system keyring did not answer within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.get(timeout.toMillis(), TimeUnit.MILLISECONDS), err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (IOException | ExecutionException | TimeoutException e) {
            // The message of an IOException names the program, never what was written to it.
            throw new KeyringException(name + " could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyringException("interrupted while asking the system keyring");
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, task -> {
            // A thread of its own: the common pool may have a single thread on a 2-core machine, and a read blocks.
            Thread t = new Thread(task, "keyring-pipe");
            t.setDaemon(true);
            t.start();
        });
    }

    /** The first line of a tool's complaint, without the tool's name in front; "no answer" when it said nothing. */
    static String firstLine(String text, String toolName) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl).strip();
        t = t.startsWith(toolName + ": ") ? t.substring(toolName.length() + 2) : t;
        return t.isEmpty() ? "no answer" : t;
    }
}

package io.switchboard.agent;

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
 * The freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC…) through {@code secret-tool} (libsecret's own
 * command line): no native library in the app, the password handed over on standard input, never in a command
 * line another account could list. Entries carry the attributes service=switchboard, server, login.
 */
public final class SecretToolKeyring implements PasswordKeyring {
    static final String TOOL = "secret-tool";
    /** The probe must not hold the dialog up; a keyring that needs longer is treated as absent. */
    private static final Duration PROBE = Duration.ofSeconds(5);
    /** Storing or reading may show the keyring's unlock prompt to the person at the screen. */
    private static final Duration USE = Duration.ofSeconds(60);

    private final Map<String, String> environment;

    /** {@code environment}: the one secret-tool runs in (the session's: PATH, DBUS_SESSION_BUS_ADDRESS, DISPLAY…). */
    public SecretToolKeyring(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Status status() {
        if (executable().isEmpty()) {
            return new Status(false, "No system keyring: secret-tool (package libsecret-tools) is not installed, so the Secret Service"
                    + " cannot be asked; the password is typed at each sign-in.");
        }
        Result r;
        try {
            r = run(PROBE, null, "lookup", "service", "switchboard", "probe", "availability");
        } catch (KeyringException e) {
            return new Status(false, "No system keyring: " + e.getMessage());
        }
        // Found (0), or not found (1, silent): a Secret Service answered. Anything on stderr means none did.
        if (r.exit == 0 || (r.exit == 1 && r.err.isBlank())) {
            return new Status(true, "Kept by the system keyring (Secret Service); removed when you press Forget or when it is refused.");
        }
        return new Status(false, "No system keyring answers in this session (" + firstLine(r.err)
                + "); start and unlock one (GNOME Keyring, KWallet, KeePassXC) to keep the password.");
    }

    @Override
    public Optional<String> lookup(String server, String login) {
        Result r = run(USE, null, "lookup", "service", "switchboard", "server", server, "login", login);
        if (r.exit == 0 && !r.out.isEmpty()) {
            return Optional.of(r.out);
        }
        if (r.exit == 1 && r.err.isBlank() || r.exit == 0) {
            return Optional.empty();
        }
        throw new KeyringException("The system keyring did not answer (" + firstLine(r.err) + ").");
    }

    @Override
    public void store(String server, String login, String password) {
        Result r = run(USE, password, "store", "--label=Switchboard sign-in: " + login + " on " + server,
                "service", "switchboard", "server", server, "login", login);
        if (r.exit != 0) {
            throw new KeyringException("The system keyring did not keep the password (" + firstLine(r.err) + ").");
        }
    }

    @Override
    public void forget(String server, String login) {
        Result r = run(USE, null, "clear", "service", "switchboard", "server", server, "login", login);
        // 1 without a word: there was nothing to clear.
        if (r.exit != 0 && !(r.exit == 1 && r.err.isBlank())) {
            throw new KeyringException("The system keyring did not remove the password (" + firstLine(r.err) + ").");
        }
    }

    private Optional<Path> executable() {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, TOOL);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Duration timeout, String input, String... args) {
        Path tool = executable().orElseThrow(() -> new KeyringException("secret-tool (package libsecret-tools) is not installed."));
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process p = null;
        try {
            p = builder.start();
            // Pipes read on their own threads, so nothing blocks on a full pipe while we wait with a timeout; the
            // password goes only through the tool's standard input and output, never a file or a command line.
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream stdin = p.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new KeyringException("the system keyring did not answer within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.get(timeout.toMillis(), TimeUnit.MILLISECONDS), err.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new KeyringException("secret-tool could not be run: " + e.getMessage());
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

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        t = t.startsWith(TOOL + ": ") ? t.substring(TOOL.length() + 2) : t;
        return t.isEmpty() ? "no answer" : t;
    }
}

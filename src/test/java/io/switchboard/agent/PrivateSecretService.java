package io.switchboard.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real freedesktop Secret Service of the test's own: a private D-Bus session bus and GNOME Keyring's daemon on
 * it, unlocked, its keyrings in a temporary home. Started only where those programs are installed (a developer's
 * machine with gnome-keyring and libsecret-tools); elsewhere (CI) {@link #start(Path)} is empty and the tests assert
 * what a machine without a keyring shows. Both processes are this test's own and are ended by their handles.
 */
public final class PrivateSecretService implements AutoCloseable {
    private final Process bus;
    private final Process keyring;
    private final Map<String, String> environment;

    private PrivateSecretService(Process bus, Process keyring, Map<String, String> environment) {
        this.bus = bus;
        this.keyring = keyring;
        this.environment = environment;
    }

    /** Whether dbus-daemon, gnome-keyring-daemon and secret-tool are all on the PATH. */
    public static boolean installed() {
        return onPath("dbus-daemon") && onPath("gnome-keyring-daemon") && onPath(SecretToolKeyring.TOOL);
    }

    public static Optional<PrivateSecretService> start(Path home) throws IOException, InterruptedException {
        if (!installed()) {
            return Optional.empty();
        }
        Path runtime = Files.createDirectories(home.resolve("run"));
        Process bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String address;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))) {
            address = r.readLine();
        }
        if (address == null || address.isBlank()) {
            bus.destroyForcibly();
            throw new IllegalStateException("dbus-daemon printed no address");
        }
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        env.put("DBUS_SESSION_BUS_ADDRESS", address.strip());
        ProcessBuilder daemon = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        daemon.environment().clear();
        daemon.environment().putAll(env);
        Process keyring = daemon.start();
        try (OutputStream in = keyring.getOutputStream()) {
            in.write("keyring-test-unlock".getBytes(StandardCharsets.UTF_8)); // the new login keyring's own password
        }
        PrivateSecretService service = new PrivateSecretService(bus, keyring, Map.copyOf(env));
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        // Ready once its login keyring exists (made from the password on stdin) and it keeps an item. Asking earlier
        // makes it try to prompt for a new keyring, which fails without a display.
        Path loginKeyring = home.resolve(".local/share/keyrings/login.keyring");
        SecretToolKeyring ring = new SecretToolKeyring(env);
        while (!Files.exists(loginKeyring) || !keeps(ring)) {
            if (Instant.now().isAfter(until) || !keyring.isAlive()) {
                service.close();
                throw new IllegalStateException("GNOME Keyring did not keep an item on the private bus within 20 s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return Optional.of(service);
    }

    private static boolean keeps(SecretToolKeyring ring) {
        if (!ring.status().available()) {
            return false;
        }
        try {
            ring.store("readiness", "probe", "x");
            ring.forget("readiness", "probe");
            return true;
        } catch (PasswordKeyring.KeyringException e) {
            return false;
        }
    }

    /** The environment a process of this session gets: its bus, its runtime folder, the PATH. */
    public Map<String, String> environment() {
        return environment;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        keyring.destroy();
        bus.destroy();
        try {
            if (!keyring.waitFor(5, TimeUnit.SECONDS)) {
                keyring.destroyForcibly();
            }
            if (!bus.waitFor(5, TimeUnit.SECONDS)) {
                bus.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

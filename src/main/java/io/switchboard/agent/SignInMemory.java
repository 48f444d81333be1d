package io.switchboard.agent;

import io.switchboard.config.OwnerOnly;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Properties;

/**
 * What the sign-in dialog remembers in the data folder ({@value #FILE}, readable by the user only): the
 * last login, and when each login's password stops being valid (so an expired one can be told from a
 * wrong one). Never a password: one the agent chooses to keep goes to the system keyring ({@link PasswordKeyring}).
 */
public final class SignInMemory {
    static final String FILE = "sign-in.properties";
    private final Path file;

    public SignInMemory(Path dataFolder) {
        this.file = dataFolder.resolve(FILE);
    }

    public Optional<String> lastLogin() {
        return Optional.ofNullable(read().getProperty("login")).filter(s -> !s.isBlank());
    }

    public Optional<LocalDateTime> passwordValidUntil(String login) {
        return Optional.ofNullable(read().getProperty("valid_until." + login)).map(LocalDateTime::parse);
    }

    public void remember(SignedIn signedIn) {
        Properties p = read();
        p.setProperty("login", signedIn.login());
        if (signedIn.passwordValidUntil() == null) {
            p.remove("valid_until." + signedIn.login());
        } else {
            p.setProperty("valid_until." + signedIn.login(), signedIn.passwordValidUntil().toString());
        }
        try {
            StringWriter text = new StringWriter();
            p.store(text, "Switchboard sign-in: the last login and when passwords expire; no password is kept here");
            OwnerOnly.folder(file.getParent());
            OwnerOnly.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try {
                p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }
}

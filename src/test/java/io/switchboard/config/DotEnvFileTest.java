package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvFileTest {
    @TempDir
    Path folder;

    @Test
    void readsTheGuidesEnvFile() throws IOException {
        Path file = write("""
                DB_HOST=localhost
                DB_PORT=5432
                DB_USERNAME=whatsapp_user
                DB_PASSWORD=secure_password
                DB_NAME=whatsapp_autonation
                DB_SYNCHRONIZE=true
                DB_LOGGING=true
                """);

        assertThat(DotEnvFile.read(file)).containsExactly(entry("DB_HOST", "localhost"), entry("DB_PORT", "5432"),
                entry("DB_USERNAME", "whatsapp_user"), entry("DB_PASSWORD", "secure_password"), entry("DB_NAME", "whatsapp_autonation"),
                entry("DB_SYNCHRONIZE", "true"), entry("DB_LOGGING", "true"));
    }

    @Test
    void understandsCommentsExportQuotesAndSpaces() throws IOException {
        Path file = write("""
                # the team database
                export DB_HOST=db.internal

                DB_NAME = inbox   # trailing comment
                DB_USERNAME='agent # not a comment'
                DB_PASSWORD="p#ss word" # comment after the quotes
                SWITCHBOARD_HOME=/data/switch#board
                DB_PORT=
                ESCAPED="say \\"hi\\"\\nback\\\\slash \\d"
                EQUALS=a=b=c
                """);

        assertThat(DotEnvFile.read(file)).containsExactly(
                entry("DB_HOST", "db.internal"),
                entry("DB_NAME", "inbox"),
                entry("DB_USERNAME", "agent # not a comment"),
                entry("DB_PASSWORD", "p#ss word"),
                entry("SWITCHBOARD_HOME", "/data/switch#board"),
                entry("DB_PORT", ""),
                entry("ESCAPED", "say \"hi\"\nback\\slash \\d"),
                entry("EQUALS", "a=b=c"));
    }

    @Test
    void readsAFileSavedOnWindowsWithByteOrderMarkAndCrLf() throws IOException {
        Path file = folder.resolve(".env");
        Files.write(file, "\uFEFFDB_HOST=winhost\r\nDB_PASSWORD=\"s3cret\"\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(DotEnvFile.read(file)).containsExactly(entry("DB_HOST", "winhost"), entry("DB_PASSWORD", "s3cret"));
    }

    @Test
    void aMalformedLineIsReportedWithItsNumberButNotItsText() throws IOException {
        Path file = write("""
                DB_HOST=localhost
                # fine
                DB_PASSWORD hunter2
                """);

        assertThatThrownBy(() -> DotEnvFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(file + " line 3: expected KEY=value")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnclosedQuoteIsReportedRatherThanKeptInTheValue() throws IOException {
        Path file = write("DB_HOST=localhost\nDB_PASSWORD=\"hunter2\n");

        assertThatThrownBy(() -> DotEnvFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file + " line 2: expected KEY=value")
                .hasMessageContaining("quoted value closed by the same quote")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aFileThatIsNotUtf8IsNamed() throws IOException {
        Path file = folder.resolve(".env");
        Files.write(file, "DB_PASSWORD=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> DotEnvFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Cannot read " + file + ": it is not UTF-8 text. Save it as UTF-8, or set the DB_* variables in the environment instead.");
    }

    @Test
    void anUnreadableFileIsNamed() throws IOException {
        // A directory where the file should be cannot be read by anyone, root included.
        Path file = Files.createDirectory(folder.resolve(".env"));

        assertThatThrownBy(() -> DotEnvFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Cannot read " + file + ": ")
                .hasMessageContaining("set the DB_* variables in the environment instead");
    }

    @Test
    void aMissingFileIsAbsentWhenOptionalAndNamedWhenRequired() {
        Path missing = folder.resolve("nowhere.env");

        assertThat(DotEnvFile.readIfPresent(missing)).isEmpty();
        assertThatThrownBy(() -> DotEnvFile.read(missing))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("SWITCHBOARD_ENV_FILE");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(folder.resolve(".env"), text);
    }
}

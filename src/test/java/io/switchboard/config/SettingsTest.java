package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment wins over ./.env, which wins over the data folder's .env, which wins over the guide's defaults. */
class SettingsTest {
    @TempDir
    Path root;
    private Path workingDirectory;
    private Path dataFolder;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void folders() throws IOException {
        workingDirectory = Files.createDirectories(root.resolve("project"));
        dataFolder = Files.createDirectories(root.resolve("data"));
        environment.put("SWITCHBOARD_HOME", dataFolder.toString());
    }

    @Test
    void environmentWinsOverTheWorkingDirectoryWhichWinsOverTheDataFolder() throws IOException {
        environment.put("DB_HOST", "from-environment");
        Files.writeString(workingDirectory.resolve(".env"), "DB_HOST=from-working-directory\nDB_PORT=6001\n");
        Files.writeString(dataFolder.resolve(".env"), "DB_HOST=from-data-folder\nDB_PORT=7001\nDB_NAME=from_data_folder\n");

        Settings settings = load();

        assertThat(settings.get(Variable.DB_HOST)).isEqualTo("from-environment");
        assertThat(settings.get(Variable.DB_PORT)).isEqualTo("6001");
        assertThat(settings.get(Variable.DB_NAME)).isEqualTo("from_data_folder");
        assertThat(settings.get(Variable.DB_USERNAME)).isEqualTo("whatsapp_user");
        assertThat(settings.envFilesRead()).containsExactly(workingDirectory.resolve(".env"), dataFolder.resolve(".env"));
        assertThat(settings.describeSources()).isEqualTo("the environment and " + workingDirectory.resolve(".env") + ", " + dataFolder.resolve(".env"));
    }

    @Test
    void withNothingConfiguredTheGuidesDefaultsApplyAndTheDatabaseIsEmbedded() {
        Settings settings = load();

        assertThat(settings.explicit(Variable.DB_HOST)).isEmpty();
        assertThat(settings.integer(Variable.DB_PORT, 1, 65535)).isEqualTo(5432);
        assertThat(settings.get(Variable.DB_USERNAME)).isEqualTo("whatsapp_user");
        assertThat(settings.get(Variable.DB_NAME)).isEqualTo("whatsapp_autonation");
        assertThat(settings.flag(Variable.DB_SYNCHRONIZE)).isTrue();
        assertThat(settings.flag(Variable.DB_LOGGING)).isFalse();
        assertThat(settings.dataFolder()).isEqualTo(dataFolder);
        assertThat(settings.describeSources()).contains("no .env file found").contains(dataFolder.toString());
    }

    @Test
    void aDataFolderChosenInTheWorkingDirectoryEnvIsWhereTheSecondEnvIsRead() throws IOException {
        environment.remove("SWITCHBOARD_HOME");
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.writeString(workingDirectory.resolve(".env"), "SWITCHBOARD_HOME=" + elsewhere + "\n");
        Files.writeString(elsewhere.resolve(".env"), "DB_NAME=from_elsewhere\n");

        Settings settings = load();

        assertThat(settings.dataFolder()).isEqualTo(elsewhere);
        assertThat(settings.get(Variable.DB_NAME)).isEqualTo("from_elsewhere");
    }

    @Test
    void anExplicitEnvFileReplacesTheWorkingDirectoryOne() throws IOException {
        Path explicit = Files.writeString(root.resolve("team.env"), "DB_HOST=team-db\n");
        Files.writeString(workingDirectory.resolve(".env"), "DB_HOST=ignored\nDB_NAME=ignored\n");
        environment.put("SWITCHBOARD_ENV_FILE", explicit.toString());

        Settings settings = load();

        assertThat(settings.get(Variable.DB_HOST)).isEqualTo("team-db");
        assertThat(settings.get(Variable.DB_NAME)).isEqualTo("whatsapp_autonation");
        assertThat(settings.envFilesRead()).containsExactly(explicit);
    }

    @Test
    void anExplicitEnvFileThatIsMissingIsNamed() {
        Path missing = root.resolve("missing.env");
        environment.put("SWITCHBOARD_ENV_FILE", missing.toString());

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("SWITCHBOARD_ENV_FILE");
    }

    @Test
    void aMalformedWorkingDirectoryEnvStopsLoadingWithItsLineNumber() throws IOException {
        Files.writeString(workingDirectory.resolve(".env"), "DB_HOST=x\nnot a setting\n");

        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(workingDirectory.resolve(".env") + " line 2: ");
    }

    @Test
    void aBadFlagOrNumberNamesTheVariable() {
        environment.put("DB_SYNCHRONIZE", "sometimes");
        environment.put("DB_PORT", "54321x");
        Settings settings = load();

        assertThatThrownBy(() -> settings.flag(Variable.DB_SYNCHRONIZE))
                .isInstanceOf(ConfigurationException.class).hasMessage("DB_SYNCHRONIZE must be true or false, not \"sometimes\"");
        assertThatThrownBy(() -> settings.integer(Variable.DB_PORT, 1, 65535))
                .isInstanceOf(ConfigurationException.class).hasMessage("DB_PORT must be a whole number from 1 to 65535, not \"54321x\"");
    }

    @Test
    void flagsAcceptTheUsualSpellings() {
        for (String yes : new String[] {"true", "TRUE", "1", "yes", "on"}) {
            environment.put("DB_LOGGING", yes);
            assertThat(load().flag(Variable.DB_LOGGING)).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "0", "No", "off"}) {
            environment.put("DB_LOGGING", no);
            assertThat(load().flag(Variable.DB_LOGGING)).as(no).isFalse();
        }
    }

    private Settings load() {
        return Settings.load(environment, workingDirectory, "Linux", root.resolve("home").toString());
    }
}

package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README tells the truth: its two commands, every variable with its default, every command. */
class ReadmeTest {
    private final String readme = read("README.md");

    @Test
    void theFirstScreenGivesTheCommandThatRunsTheAppAndTheOneThatRunsTheTests() {
        List<String> firstScreen = readme.lines().limit(10).toList();

        assertThat(firstScreen).anyMatch(line -> line.startsWith("mvn javafx:run")).anyMatch(line -> line.startsWith("mvn verify"));
        assertThat(read(".ci/run")).containsPattern("(?m)^(exec )?mvn -B verify$").contains("installer/check.sh");
    }

    @Test
    void everyVariableIsInTheConfigurationTableWithItsDefault() {
        for (Variable v : Variable.values()) {
            String shownDefault = v.defaultValue().isEmpty() ? "(unset)" : "`" + v.defaultValue() + "`";
            assertThat(readme).as("README row for " + v.name())
                    .contains("| `" + v.name() + "` | " + shownDefault + " | " + v.description() + " |");
        }
    }

    @Test
    void everyCommandIsListed() {
        for (Commands.Command c : Commands.ALL) {
            assertThat(readme).as("README line for " + c.usage()).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(c.usage())
                    + " +" + java.util.regex.Pattern.quote(c.summary()) + "$");
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + " from " + Path.of("").toAbsolutePath(), e);
        }
    }
}

package io.switchboard.ui.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.backup.BackupService;
import io.switchboard.backup.DailyBackups;
import io.switchboard.db.Database;
import io.switchboard.demo.DemoData;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialog's state without a display. The executors run each job where it is handed over, so a
 * call returns with every property already changed, and the order of the changes can be checked.
 */
class BackupViewModelTest {
    private static final Executor HERE = Runnable::run;
    @TempDir
    Path folder;
    private final Database db = TestDatabase.open();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aBackupReportsRisingProgressThenTheResultAndTheLastAutomaticBackupShowsWhenItWasTaken() throws Exception {
        new DemoData(db).fill(new InboxFixtures(db).tenant("Acme"), 20, 5_000, 1);
        DailyBackups daily = new DailyBackups(new BackupService(db), folder, Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));
        BackupViewModel model = new BackupViewModel(new BackupService(db), Optional.of(daily), HERE, HERE, ZoneId.of("UTC"));
        model.refreshLastBackup();
        assertThat(model.lastBackupProperty().get()).startsWith("No automatic backup yet");

        List<Double> progress = new ArrayList<>();
        List<Boolean> busy = new ArrayList<>();
        model.progressProperty().addListener((o, was, now) -> progress.add(now.doubleValue()));
        model.busyProperty().addListener((o, was, now) -> busy.add(now));
        Path file = folder.resolve(model.suggestedFileName());
        model.backUp(file);

        assertThat(busy).containsExactly(true, false);
        assertThat(progress.get(0)).isEqualTo(BackupViewModel.INDETERMINATE);
        List<Double> known = progress.stream().filter(p -> p >= 0).toList();
        assertThat(known).as("a bar that fills, in several steps").isSorted().hasSizeGreaterThan(3).last().isEqualTo(1.0);
        assertThat(known).anyMatch(p -> p > 0 && p < 1);
        // 1 tenant, 20 contacts, 20 conversations, 5,000 messages, 3 templates, plus what other features derive (stats counters)
        java.util.regex.Matcher said = java.util.regex.Pattern.compile("Backed up ([0-9,]+) rows of \\d+ tables").matcher(model.resultProperty().get());
        assertThat(said.find()).as(model.resultProperty().get()).isTrue();
        assertThat(Long.parseLong(said.group(1).replace(",", ""))).isGreaterThanOrEqualTo(5_044);
        assertThat(model.resultProperty().get()).contains(file.toString());
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(Files.exists(file)).isTrue();

        daily.takeIfDue();
        model.refreshLastBackup();
        assertThat(model.lastBackupProperty().get()).startsWith("Last automatic backup: ").contains("switchboard-2026-03-10.sbk").contains("2026");
    }

    @Test
    void aRefusedRestoreShowsItsSentenceAndFreesTheButtons() throws Exception {
        Path notABackup = Files.writeString(folder.resolve("notes.sbk"), "hello");
        BackupViewModel model = new BackupViewModel(new BackupService(db), Optional.empty(), HERE, HERE, ZoneId.of("UTC"));

        model.restore(notABackup);

        assertThat(model.errorProperty().get()).isEqualTo(
                "The file notes.sbk is not a complete Switchboard backup (it is cut short or not a backup file); nothing was restored.");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isZero();
        assertThat(model.resultProperty().get()).isEmpty();
        model.refreshLastBackup();
        assertThat(model.lastBackupProperty().get()).startsWith("Automatic daily backups are kept for the embedded database only");
    }
}

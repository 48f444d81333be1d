package io.switchboard.ui.backup;

import io.switchboard.backup.BackupProgress;
import io.switchboard.backup.BackupService;
import io.switchboard.backup.BackupSummary;
import io.switchboard.backup.DailyBackups;
import io.switchboard.backup.RestoreSummary;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The "Back up or restore" dialog's state: whether a job runs, how far it is, what came of it,
 * and when the last automatic backup was taken. The work runs on the {@code background}
 * executor; every property changes on the {@code ui} executor (the FX thread in the app).
 */
public final class BackupViewModel {
    /** ProgressBar's value for "working, amount unknown". */
    public static final double INDETERMINATE = -1;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);

    private final BackupService service;
    private final Optional<DailyBackups> daily;
    private final Executor background;
    private final Executor ui;
    private final ZoneId zone;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper lastBackup = new ReadOnlyStringWrapper(this, "lastBackup", "");

    public BackupViewModel(BackupService service, Optional<DailyBackups> daily, Executor background, Executor ui, ZoneId zone) {
        this.service = service;
        this.daily = daily;
        this.background = background;
        this.ui = ui;
        this.zone = zone;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0 to 1, or {@link #INDETERMINATE} while the amount is not known yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastBackupProperty() {
        return lastBackup.getReadOnlyProperty();
    }

    /** A name for the save dialog: today's date, so files sort by when they were taken. */
    public String suggestedFileName() {
        return "switchboard-" + LocalDate.now(zone) + BackupService.EXTENSION;
    }

    /** Reads when the last automatic backup was taken (a look at the data folder, so off the FX thread). */
    public void refreshLastBackup() {
        if (daily.isEmpty()) {
            ui.execute(() -> lastBackup.set(
                    "Automatic daily backups are kept for the embedded database only; back up a team server with its own tools or with Back up…."));
            return;
        }
        background.execute(() -> {
            Optional<DailyBackups.Last> last = daily.get().last();
            String text = last.map(l -> "Last automatic backup: " + WHEN.format(l.takenAt().atZone(zone)) + " (" + l.file().getFileName() + ", in "
                            + l.file().getParent() + "). The newest " + DailyBackups.KEEP + " are kept.")
                    .orElse("No automatic backup yet: the first is taken in the background shortly after start, then one a day.");
            ui.execute(() -> lastBackup.set(text));
        });
    }

    public void backUp(Path file) {
        run("Backing up", p -> service.backUp(file, p), (BackupSummary s) -> String.format(
                "Backed up %,d rows of %d tables (schema version %s) to %s.", s.rows(), s.tables(), s.schemaVersion(), s.file()));
    }

    /** Into this database, which must be empty; a refusal says why in {@link #errorProperty()}. */
    public void restore(Path file) {
        run("Restoring", p -> service.restore(file, p), (RestoreSummary s) -> String.format(
                "Restored %,d rows of %d tables from %s. Restart Switchboard to see them everywhere.", s.rows(), s.tables(), s.file().getFileName()));
    }

    private <T> void run(String what, Function<BackupProgress, T> job, Function<T, String> describe) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        error.set("");
        result.set("");
        step.set(what + "…");
        progress.set(INDETERMINATE);
        BackupProgress onProgress = (name, done, total) -> ui.execute(() -> {
            step.set(name);
            progress.set(total <= 0 ? INDETERMINATE : Math.min(1.0, (double) done / total));
        });
        background.execute(() -> {
            try {
                T outcome = job.apply(onProgress);
                String text = describe.apply(outcome);
                ui.execute(() -> {
                    progress.set(1);
                    step.set("Done");
                    result.set(text);
                    busy.set(false);
                });
                refreshLastBackup();
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ui.execute(() -> {
                    progress.set(0);
                    step.set("");
                    error.set(message);
                    busy.set(false);
                });
            }
        });
    }
}

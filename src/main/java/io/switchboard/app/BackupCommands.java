package io.switchboard.app;

import io.switchboard.backup.BackupRefusedException;
import io.switchboard.backup.BackupService;
import io.switchboard.backup.BackupSummary;
import io.switchboard.backup.RestoreSummary;
import io.switchboard.config.Settings;
import io.switchboard.config.Variable;
import io.switchboard.db.DatabaseStartup;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code backup --to FILE} and {@code restore --from FILE}. Both connect without migrating: a
 * backup records the schema as it is, a restore builds the schema its file was taken at.
 */
final class BackupCommands {
    static final String BACKUP_USAGE = "backup --to FILE";
    static final String RESTORE_USAGE = "restore --from FILE";

    private BackupCommands() {
    }

    static int backup(List<String> args, Settings settings, PrintStream out) {
        Path file = Path.of(Arguments.parse("backup", args, Set.of("to")).required("to"));
        if (Files.exists(file)) {
            throw new BackupRefusedException("The file " + file + " already exists; choose a new name so no earlier backup is overwritten.");
        }
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.CONNECT_ONLY, 2)) {
            BackupSummary s = new BackupService(running.database()).backUp(file, TerminalProgress.toTerminal());
            out.printf("Backed up %,d rows of %d tables (schema version %s) to %s (%,d bytes)%n", s.rows(), s.tables(), s.schemaVersion(),
                    s.file(), s.bytes());
        }
        return Main.OK;
    }

    static int restore(List<String> args, Settings settings, PrintStream out) {
        Path file = Path.of(Arguments.parse("restore", args, Set.of("from")).required("from"));
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.CONNECT_ONLY, 2)) {
            BackupService service = new BackupService(running.database());
            RestoreSummary s = service.restore(file, TerminalProgress.toTerminal());
            out.printf("Restored %,d rows of %d tables from %s (schema version %s)%n", s.rows(), s.tables(), s.file(), s.schemaVersion());
            warnIfSecretsNeedTheOldKey(running.database(), settings);
            // Then on to this build's schema, as a start would do; with DB_SYNCHRONIZE=false that is left to `migrate`.
            if (running.database().target().embedded() || settings.flag(Variable.DB_SYNCHRONIZE)) {
                int applied = service.migrateToCurrent();
                if (applied > 0) {
                    out.printf("Migrated the restored database forward (%d migrations)%n", applied);
                }
            }
        }
        return Main.OK;
    }

    /**
     * WhatsApp secrets travel encrypted, and the key never goes into a backup (a file with both
     * would hand out the tokens). A restore on another machine or data folder needs the old key.
     */
    private static void warnIfSecretsNeedTheOldKey(io.switchboard.db.Database database, Settings settings) {
        try {
            new io.switchboard.channel.whatsapp.WhatsAppAccountService(database, io.switchboard.config.SecretBox.fromSettings(settings)).allCredentials();
        } catch (io.switchboard.config.ConfigurationException e) {
            System.err.println("switchboard: warning: the restored WhatsApp secrets were encrypted with another key. Copy secret.key from the old data"
                    + " folder into " + settings.dataFolder() + " (or set SWITCHBOARD_SECRET_KEY to the old key) before starting Switchboard,"
                    + " or reconnect each number.");
        }
    }

    /** Progress on stderr, one updating line, only when a person watches a terminal (stdout stays the result). */
    private static final class TerminalProgress {
        static io.switchboard.backup.BackupProgress toTerminal() {
            if (System.console() == null) {
                return io.switchboard.backup.BackupProgress.NONE;
            }
            long[] lastPercent = {-1};
            return (step, done, total) -> {
                long percent = total == 0 ? 100 : done * 100 / total;
                if (percent != lastPercent[0]) {
                    lastPercent[0] = percent;
                    System.err.printf("\r%-40s %3d%%%s", step, percent, percent == 100 ? System.lineSeparator() : "");
                }
            };
        }
    }
}

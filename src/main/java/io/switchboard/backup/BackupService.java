package io.switchboard.backup;

import io.switchboard.db.Database;
import java.nio.file.Path;

/**
 * Backup and restore of a whole Switchboard database, for the command line, the window and the
 * daily solo backups. Needs only the rights of the role that owns the database: no superuser,
 * no pg_dump, no file on the database server.
 */
public final class BackupService {
    /** The extension of backup files ("Switchboard backup"). */
    public static final String EXTENSION = ".sbk";
    private final Database database;

    public BackupService(Database database) {
        this.database = database;
    }

    /** Writes one consistent snapshot of every table into {@code file} (replacing it once the new one is complete). */
    public BackupSummary backUp(Path file, BackupProgress progress) {
        return new BackupWriter(database.dataSource()).write(file, progress);
    }

    /**
     * Loads {@code file} into this database, which must be empty; refuses with a
     * {@link BackupRefusedException}, changing nothing, a file that is cut short, fails its
     * checksum, or comes from a newer schema than this build knows.
     */
    public RestoreSummary restore(Path file, BackupProgress progress) {
        return new RestoreLoader(database.dataSource()).restore(file, progress);
    }

    /** Brings the schema from the restored file's version to this build's (the migrations after it). */
    public int migrateToCurrent() {
        return new io.switchboard.db.Migrations(database.dataSource()).migrate();
    }

    /** True for the embedded server in the data folder, where daily backups are kept. */
    public boolean embedded() {
        return database.target().embedded();
    }
}

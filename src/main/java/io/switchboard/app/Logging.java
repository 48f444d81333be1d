package io.switchboard.app;

import io.switchboard.config.OwnerOnly;
import java.nio.file.Path;

/**
 * Points the log file into the data folder before the first logger is created. The folder and the
 * file are the owner's alone (0700 / 0600): SQL statements and errors may name customers. Logback
 * rotates the file at 10 MB and keeps 3 old ones (logback.xml), so it cannot fill a disk.
 */
final class Logging {
    private Logging() {
    }

    static Path configure(Path dataFolder) {
        Path logs;
        Path file;
        try {
            OwnerOnly.folder(dataFolder);
            logs = OwnerOnly.folder(dataFolder.resolve("logs"));
            file = OwnerOnly.file(logs.resolve("switchboard.log"));
        } catch (Exception e) {
            file = Path.of(System.getProperty("java.io.tmpdir")).resolve("switchboard.log");
        }
        System.setProperty("switchboard.logfile", file.toString());
        return file;
    }
}

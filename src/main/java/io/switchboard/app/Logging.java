package io.switchboard.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Points the log file into the data folder before the first logger is created. */
final class Logging {
    private Logging() {
    }

    static Path configure(Path dataFolder) {
        Path logs = dataFolder.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (Exception e) {
            logs = Path.of(System.getProperty("java.io.tmpdir"));
        }
        Path file = logs.resolve("switchboard.log");
        System.setProperty("switchboard.logfile", file.toString());
        return file;
    }
}

package io.switchboard.backup;

/**
 * How far a backup or restore has come, for a progress bar: {@code done} of {@code total} rows,
 * and what it is doing now ("Reading messages", "Checking the file", …). Called from the worker
 * thread; a window hands it to its own thread.
 */
@FunctionalInterface
public interface BackupProgress {
    BackupProgress NONE = (step, done, total) -> { };

    void report(String step, long done, long total);
}

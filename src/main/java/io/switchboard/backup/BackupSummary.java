package io.switchboard.backup;

import java.nio.file.Path;
import java.time.Instant;

/** A backup that was written: where, at which schema version, how many tables and rows, its size, and the instant of its snapshot. */
public record BackupSummary(Path file, String schemaVersion, int tables, long rows, long bytes, Instant takenAt) {
}

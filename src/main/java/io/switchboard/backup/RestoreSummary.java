package io.switchboard.backup;

import java.nio.file.Path;

/** A restore that committed: from which file, the schema version it was loaded at, how many tables and rows. */
public record RestoreSummary(Path file, String schemaVersion, int tables, long rows) {
}

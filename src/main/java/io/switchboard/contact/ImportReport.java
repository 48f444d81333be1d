package io.switchboard.contact;

import java.util.List;

/** The outcome of a CSV import: rows read, contacts created and updated, and every bad line. */
public record ImportReport(int rows, int created, int updated, List<LineError> errors) {

    /** A line that was not imported: its number in the file, the field and the rule it broke. */
    public record LineError(int line, String field, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + field + ": " + message;
        }
    }

    public int imported() {
        return created + updated;
    }
}

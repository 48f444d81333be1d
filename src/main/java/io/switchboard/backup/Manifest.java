package io.switchboard.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code manifest.json}, the last entry of a backup file: what the file holds and how to check it.
 * See README "Backup and restore" for the format.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Manifest(
        @JsonProperty("format") String format,
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("app_version") String appVersion,
        @JsonProperty("schema_version") String schemaVersion,
        @JsonProperty("copy_format") String copyFormat,
        @JsonProperty("tables") List<Table> tables,
        @JsonProperty("sequences") List<Sequence> sequences,
        @JsonProperty("content_sha256") String contentSha256) {

    static final String FORMAT = "switchboard-backup";
    static final int FORMAT_VERSION = 1;
    static final String ENTRY = "manifest.json";
    static final String COPY_FORMAT = "PostgreSQL COPY text format, UTF-8, DateStyle ISO, TimeZone UTC, extra_float_digits 3, bytea hex";

    /** One table: its zip entry, the columns in the order the entry holds them, its row count and the SHA-256 of the entry. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Table(@JsonProperty("name") String name, @JsonProperty("entry") String entry, @JsonProperty("columns") List<String> columns,
                 @JsonProperty("rows") long rows, @JsonProperty("bytes") long bytes, @JsonProperty("sha256") String sha256) {
    }

    /** A sequence's state in the snapshot (setval on restore). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sequence(@JsonProperty("name") String name, @JsonProperty("last_value") long lastValue, @JsonProperty("is_called") boolean isCalled) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("manifest not writable as JSON", e);
        }
    }

    static Manifest read(InputStream in) throws IOException {
        return JSON.readValue(in, Manifest.class);
    }

    long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }
}

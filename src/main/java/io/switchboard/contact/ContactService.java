package io.switchboard.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.common.Clock;
import io.switchboard.common.Names;
import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.db.TextSearch;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The tenant's address book: a sortable, searchable, keyset-paged table; add, edit and delete
 * with validation that names the field; CSV import and export.
 */
public final class ContactService {
    static final int NAME_MAX = 150;
    static final int EXTERNAL_REF_MAX = 100;
    static final int METADATA_KEY_MAX = 100;
    static final int IMPORT_BATCH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = "SELECT c.id, c.name, c.phone, c.external_ref, c.metadata::text, c.created_at, c.updated_at, c.last_inbound_at FROM contacts c";

    private final Database database;
    /** Searches and exports: on a read replica when one is set and keeps up (DB_READ_HOST), else the primary. */
    private final io.switchboard.db.ReadRouting heavyReads;
    private volatile TextSearch textSearch;

    public ContactService(Database database) {
        this(database, io.switchboard.db.ReadRouting.primaryOnly(database));
    }

    public ContactService(Database database, io.switchboard.db.ReadRouting heavyReads) {
        this.database = database;
        this.heavyReads = heavyReads;
    }

    /** A page of contacts sorted by {@code sort}; {@code search} (may be blank) matches name, phone or external reference. */
    public ContactPage page(UUID tenantId, String search, ContactSort sort, boolean ascending, ContactCursor after, int limit) {
        int n = Math.max(1, Math.min(limit, 1000));
        String op = ascending ? ">" : "<";
        String dir = ascending ? " ASC" : " DESC";
        // A search may go to the replica; the plain list stays on the primary, where an edit just made is visible.
        Database.SqlWork<ContactPage> work = c -> {
            boolean searching = search != null && !search.isBlank();
            TextSearch mode = searching ? textSearch(c) : null;
            StringBuilder sql = new StringBuilder(SELECT.replace(" FROM contacts c", ", " + sort.expression + " FROM contacts c"))
                    .append(" WHERE c.tenant_id = ?");
            if (searching) {
                sql.append(" AND (").append(mode.match("c.name")).append(" OR c.phone LIKE ? OR c.external_ref ILIKE ?)");
            }
            if (after != null) {
                sql.append(" AND (").append(sort.expression).append(", c.id) ").append(op).append(" (?, ?)");
            }
            sql.append(" ORDER BY ").append(sort.expression).append(dir).append(", c.id").append(dir).append(" LIMIT ?");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setObject(i++, tenantId);
                if (searching) {
                    ps.setString(i++, mode.parameter(search));
                    ps.setString(i++, TextSearch.phonePattern(search));
                    ps.setString(i++, "%" + TextSearch.escapeLike(search.strip()) + "%");
                }
                if (after != null) {
                    ps.setObject(i++, after.sortValue());
                    ps.setObject(i++, after.id());
                }
                ps.setInt(i, n);
                List<ContactView> rows = new ArrayList<>();
                Object lastKey = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(view(rs));
                        // The sort key exactly as PostgreSQL computed it, so the cursor never disagrees with the index.
                        lastKey = rs.getObject(9);
                    }
                }
                ContactCursor next = null;
                if (rows.size() == n) {
                    next = new ContactCursor(lastKey instanceof java.sql.Timestamp t ? t.toLocalDateTime() : lastKey, rows.get(n - 1).id());
                }
                return new ContactPage(List.copyOf(rows), next);
            }
        };
        return search != null && !search.isBlank() ? heavyReads.inJdbcTransaction(work) : database.inJdbcTransaction(work);
    }

    public Optional<ContactView> get(UUID tenantId, UUID contactId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE c.tenant_id = ? AND c.id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, contactId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(view(rs)) : Optional.empty();
                }
            }
        });
    }

    public ContactView create(UUID tenantId, ContactDraft draft) {
        Valid v = validate(draft, defaultCountry(tenantId));
        UUID id = database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contacts (tenant_id, name, phone, external_ref, metadata, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?::jsonb, NOW(), NOW()) RETURNING id""")) {
                ps.setObject(1, tenantId);
                ps.setString(2, v.name);
                ps.setString(3, v.phone);
                ps.setString(4, v.externalRef);
                ps.setString(5, v.metadataJson);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    UUID created = rs.getObject(1, UUID.class);
                    Notifications.announce(c, tenantId, Notifications.Kind.CONTACTS);
                    return created;
                }
            } catch (SQLException e) {
                throw duplicateOr(e, v.phone);
            }
        });
        return get(tenantId, id).orElseThrow();
    }

    public ContactView update(UUID tenantId, UUID contactId, ContactDraft draft) {
        Valid v = validate(draft, defaultCountry(tenantId));
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE contacts SET name = ?, phone = ?, external_ref = ?, metadata = ?::jsonb, updated_at = NOW()
                    WHERE tenant_id = ? AND id = ?""")) {
                ps.setString(1, v.name);
                ps.setString(2, v.phone);
                ps.setString(3, v.externalRef);
                ps.setString(4, v.metadataJson);
                ps.setObject(5, tenantId);
                ps.setObject(6, contactId);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("contact", "no contact " + contactId + " in this tenant");
                }
                Notifications.announce(c, tenantId, Notifications.Kind.CONTACTS);
                return null;
            } catch (SQLException e) {
                throw duplicateOr(e, v.phone);
            }
        });
        return get(tenantId, contactId).orElseThrow();
    }

    /** Deletes the contact and, through the schema's cascade, its conversations and messages. */
    public void delete(UUID tenantId, UUID contactId) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM contacts WHERE tenant_id = ? AND id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, contactId);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("contact", "no contact " + contactId + " in this tenant");
                }
            }
            Notifications.announce(c, tenantId, Notifications.Kind.CONTACTS);
            Notifications.announce(c, tenantId, Notifications.Kind.CONVERSATIONS);
            return null;
        });
    }

    /**
     * Imports CSV with a header naming at least {@code phone}; {@code name} and
     * {@code external_ref} are optional and every other column becomes metadata. Every line is
     * checked first; the good ones are then written in batches in one transaction (a contact
     * already in the tenant is updated, its metadata merged), so a failure leaves nothing half-written.
     */
    public ImportReport importCsv(UUID tenantId, Reader csv, ImportProgress progress) {
        List<CsvReader.Record> records;
        try {
            records = CsvReader.readAll(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (records.isEmpty()) {
            throw new ValidationException("file", "is empty; the first line must be a header such as phone,name,external_ref");
        }
        List<String> header = records.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT).replace(' ', '_')).toList();
        int phoneCol = header.indexOf("phone");
        if (phoneCol < 0) {
            throw new ValidationException("header", "line 1 must name a \"phone\" column (found: " + String.join(",", header) + ")");
        }
        int nameCol = header.indexOf("name");
        int refCol = header.indexOf("external_ref");
        List<ImportReport.LineError> errors = new ArrayList<>();
        List<Valid> good = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String country = defaultCountry(tenantId);
        int rows = 0;
        int total = records.size() - 1;
        for (int r = 1; r < records.size(); r++) {
            CsvReader.Record record = records.get(r);
            if (record.blank()) {
                continue;
            }
            rows++;
            List<String> f = record.fields();
            if (f.size() > header.size()) {
                errors.add(new ImportReport.LineError(record.line(), "line", "has " + f.size() + " fields but the header has " + header.size()));
                continue;
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int col = 0; col < f.size(); col++) {
                if (col != phoneCol && col != nameCol && col != refCol && !f.get(col).isBlank() && !header.get(col).isBlank()) {
                    metadata.put(header.get(col), f.get(col).strip());
                }
            }
            try {
                Valid v = validate(new ContactDraft(field(f, nameCol), field(f, phoneCol), field(f, refCol), metadata), country);
                Integer earlier = seen.putIfAbsent(v.phone, record.line());
                if (earlier != null) {
                    errors.add(new ImportReport.LineError(record.line(), "phone", v.phone + " already appears on line " + earlier + " of this file"));
                    continue;
                }
                good.add(v);
            } catch (ValidationException e) {
                errors.add(new ImportReport.LineError(record.line(), e.field(), e.getMessage().substring(e.field().length() + 2)));
            }
            if (r % 2000 == 0) {
                progress.update(0.3 * r / Math.max(1, total), "Checked " + r + " of " + total + " lines");
            }
        }
        progress.update(0.3, "Checked " + total + " lines; writing " + good.size() + " contacts");
        int[] counts = database.inJdbcTransaction(c -> {
            int created = 0;
            int updated = 0;
            for (int from = 0; from < good.size(); from += IMPORT_BATCH) {
                List<Valid> batch = good.subList(from, Math.min(good.size(), from + IMPORT_BATCH));
                int[] written = upsertBatch(c, tenantId, batch);
                created += written[0];
                updated += written[1];
                int done = from + batch.size();
                progress.update(0.3 + 0.7 * done / good.size(), "Imported " + done + " of " + good.size() + " contacts");
            }
            if (!good.isEmpty()) {
                Notifications.announce(c, tenantId, Notifications.Kind.CONTACTS);
            }
            return new int[] {created, updated};
        });
        progress.update(1, "Done");
        return new ImportReport(rows, counts[0], counts[1], List.copyOf(errors));
    }

    /** One multi-row statement per batch; returns {created, updated}. */
    private static int[] upsertBatch(Connection c, UUID tenantId, List<Valid> batch) throws SQLException {
        String[] names = new String[batch.size()];
        String[] phones = new String[batch.size()];
        String[] refs = new String[batch.size()];
        String[] metadata = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Valid v = batch.get(i);
            names[i] = v.name;
            phones[i] = v.phone;
            refs[i] = v.externalRef;
            metadata[i] = v.metadataJson;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO contacts (tenant_id, name, phone, external_ref, metadata, created_at, updated_at)
                SELECT ?, n, p, r, m::jsonb, NOW(), NOW() FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS t(n, p, r, m)
                ON CONFLICT (tenant_id, phone) DO UPDATE SET
                    name = COALESCE(EXCLUDED.name, contacts.name),
                    external_ref = COALESCE(EXCLUDED.external_ref, contacts.external_ref),
                    metadata = CASE WHEN EXCLUDED.metadata IS NULL THEN contacts.metadata
                                    ELSE COALESCE(contacts.metadata, '{}'::jsonb) || EXCLUDED.metadata END,
                    updated_at = NOW()
                RETURNING (xmax = 0)""")) {
            ps.setObject(1, tenantId);
            ps.setArray(2, textArray(c, names));
            ps.setArray(3, textArray(c, phones));
            ps.setArray(4, textArray(c, refs));
            ps.setArray(5, textArray(c, metadata));
            int created = 0;
            int updated = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(1)) {
                        created++;
                    } else {
                        updated++;
                    }
                }
            }
            return new int[] {created, updated};
        }
    }

    private static Array textArray(Connection c, String[] values) throws SQLException {
        return c.createArrayOf("text", values);
    }

    /** Writes every contact of the tenant as CSV: phone,name,external_ref, then one column per metadata key. */
    public int exportCsv(UUID tenantId, Writer out) {
        return heavyReads.inJdbcTransaction(c -> {
            TreeSet<String> keys = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT jsonb_object_keys(metadata) FROM contacts WHERE tenant_id = ? AND jsonb_typeof(metadata) = 'object'")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
            keys.removeAll(List.of("phone", "name", "external_ref"));
            int count = 0;
            try {
                StringBuilder line = new StringBuilder("phone,name,external_ref");
                keys.forEach(k -> line.append(',').append(CsvReader.escape(k)));
                out.write(line.append("\r\n").toString());
                try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE c.tenant_id = ? ORDER BY c.phone")) {
                    ps.setObject(1, tenantId);
                    ps.setFetchSize(2000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ContactView v = view(rs);
                            StringBuilder row = new StringBuilder();
                            row.append(CsvReader.escape(v.phone())).append(',').append(CsvReader.escape(v.name())).append(',')
                                    .append(CsvReader.escape(v.externalRef()));
                            for (String k : keys) {
                                row.append(',').append(CsvReader.escape(v.metadata().get(k)));
                            }
                            out.write(row.append("\r\n").toString());
                            count++;
                        }
                    }
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return count;
        });
    }

    private TextSearch textSearch(Connection c) throws SQLException {
        if (textSearch == null) {
            textSearch = TextSearch.detect(c);
        }
        return textSearch;
    }

    private static String field(List<String> fields, int col) {
        return col < 0 || col >= fields.size() ? null : fields.get(col);
    }

    private record Valid(String name, String phone, String externalRef, String metadataJson) {
    }

    /** The tenant's default country (how a number typed without "+" is read), or null. */
    private String defaultCountry(UUID tenantId) {
        return database.inJdbcTransaction(c -> TenantCountry.of(c, tenantId));
    }

    private static Valid validate(ContactDraft draft, String defaultCountry) {
        String phone = PhoneNumbers.fromInput(draft.phone(), "phone", defaultCountry).e164();
        String name = Names.optional("name", draft.name(), NAME_MAX);
        String ref = blankToNull(draft.externalRef());
        if (ref != null && ref.length() > EXTERNAL_REF_MAX) {
            throw new ValidationException("external_ref", "must be at most " + EXTERNAL_REF_MAX + " characters (it has " + ref.length() + ")");
        }
        Map<String, String> metadata = new TreeMap<>();
        if (draft.metadata() != null) {
            for (Map.Entry<String, String> e : draft.metadata().entrySet()) {
                String key = e.getKey() == null ? "" : e.getKey().strip();
                if (key.isEmpty()) {
                    throw new ValidationException("metadata", "every value needs a key");
                }
                if (key.length() > METADATA_KEY_MAX) {
                    throw new ValidationException("metadata", "key \"" + key.substring(0, 20) + "…\" is longer than " + METADATA_KEY_MAX + " characters");
                }
                metadata.put(key, e.getValue() == null ? "" : e.getValue());
            }
        }
        try {
            return new Valid(name, phone, ref, metadata.isEmpty() ? null : JSON.writeValueAsString(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static RuntimeException duplicateOr(SQLException e, String phone) {
        if ("23505".equals(e.getSQLState())) {
            return new ValidationException("phone", phone + " is already a contact of this tenant");
        }
        return new io.switchboard.db.DataAccessException(e);
    }

    static ContactView view(ResultSet rs) throws SQLException {
        return new ContactView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), metadata(rs.getString(5)),
                Clock.toInstant(rs.getObject(6, LocalDateTime.class)), Clock.toInstant(rs.getObject(7, LocalDateTime.class)),
                Clock.toInstant(rs.getObject(8, LocalDateTime.class)));
    }

    /** JSONB metadata as text pairs; nested values keep their JSON text so nothing is lost on edit. */
    static Map<String, String> metadata(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isObject()) {
                return Map.of("value", node.toString());
            }
            Map<String, String> out = new TreeMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            return out;
        } catch (JsonProcessingException e) {
            return Map.of("raw", json);
        }
    }
}

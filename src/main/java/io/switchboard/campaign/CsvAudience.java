package io.switchboard.campaign;

import io.switchboard.common.ValidationException;
import io.switchboard.contact.ContactService;
import io.switchboard.contact.CsvReader;
import io.switchboard.contact.ImportReport;
import io.switchboard.contact.PhoneNumbers;
import io.switchboard.contact.TenantCountry;
import io.switchboard.db.Database;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A CSV of phones as an audience: the file goes through the contact import (so new numbers become contacts, other
 * columns their metadata, and bad lines are reported by line number), and the audience is the good lines' phones.
 */
public final class CsvAudience {
    private CsvAudience() {
    }

    /** The audience and the import's report (its line errors name what was left out). */
    public record Loaded(Audience.Phones audience, ImportReport report) {
    }

    public static Loaded load(Database database, UUID tenantId, String csv) {
        ImportReport report = new ContactService(database).importCsv(tenantId, new StringReader(csv), (fraction, message) -> { });
        Set<Integer> bad = new java.util.HashSet<>();
        report.errors().forEach(e -> bad.add(e.line()));
        String country = database.inJdbcTransaction(c -> TenantCountry.of(c, tenantId));
        List<CsvReader.Record> records;
        try {
            records = CsvReader.readAll(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int phoneCol = records.get(0).fields().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList().indexOf("phone");
        Set<String> phones = new LinkedHashSet<>();
        for (CsvReader.Record r : records.subList(1, records.size())) {
            if (r.blank() || bad.contains(r.line()) || phoneCol >= r.fields().size()) {
                continue;
            }
            phones.add(PhoneNumbers.fromInput(r.fields().get(phoneCol), "phone", country).e164());
        }
        if (phones.isEmpty()) {
            throw new ValidationException("csv", "has no usable phone line (" + report.errors().size() + " line error" + (report.errors().size() == 1 ? "" : "s")
                    + (report.errors().isEmpty() ? "" : ", first: " + report.errors().get(0)) + ")");
        }
        return new Loaded(new Audience.Phones(List.copyOf(phones)), report);
    }
}

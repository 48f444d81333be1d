package io.switchboard.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactServiceTest {
    private Database db;
    private ContactService service;
    private InboxFixtures fx;
    private UUID tenant;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        service = new ContactService(db);
        fx = new InboxFixtures(db);
        tenant = fx.tenant("Acme");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void createNormalisesThePhoneAndKeepsMetadataAsJsonb() {
        ContactView v = service.create(tenant, new ContactDraft("  Anna Berg ", "0049 151 1234 5678", "CRM-7", Map.of("plan", "gold", "city", "Köln")));
        assertThat(v.phone()).isEqualTo("+4915112345678");
        assertThat(v.name()).isEqualTo("Anna Berg");
        assertThat(v.externalRef()).isEqualTo("CRM-7");
        assertThat(v.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("plan", "gold", "city", "Köln"));
        String type = db.inJdbcTransaction(c -> {
            var rs = c.createStatement().executeQuery("SELECT jsonb_typeof(metadata) || ':' || (metadata->>'plan') FROM contacts WHERE id = '" + v.id() + "'");
            rs.next();
            return rs.getString(1);
        });
        assertThat(type).isEqualTo("object:gold");

        ContactView edited = service.update(tenant, v.id(), new ContactDraft("Anna B.", "+4915112345678", null, Map.of("plan", "silver")));
        assertThat(edited.metadata()).containsExactly(Map.entry("plan", "silver"));
        assertThat(edited.externalRef()).isNull();
        assertThat(edited.updatedAt()).isAfterOrEqualTo(v.updatedAt());
    }

    @Test
    void validationNamesTheFieldAndTheRule() {
        assertField(() -> service.create(tenant, new ContactDraft("A", "not a phone", null, null)), "phone", "not a phone number");
        assertField(() -> service.create(tenant, new ContactDraft("A", "", null, null)), "phone", "must not be empty");
        assertField(() -> service.create(tenant, new ContactDraft("x".repeat(151), "+4915112345678", null, null)), "name", "at most 150");
        assertField(() -> service.create(tenant, new ContactDraft("A", "+4915112345678", "r".repeat(101), null)), "external_ref", "at most 100");
        assertField(() -> service.create(tenant, new ContactDraft("A", "+4915112345678", null, Map.of(" ", "v"))), "metadata", "needs a key");
        service.create(tenant, new ContactDraft("A", "+4915112345678", null, null));
        assertField(() -> service.create(tenant, new ContactDraft("B", "+49 151 12345678", null, null)), "phone", "already a contact");
        ContactView other = service.create(tenant, new ContactDraft("C", "+4915199999999", null, null));
        assertField(() -> service.update(tenant, other.id(), new ContactDraft("C", "+4915112345678", null, null)), "phone", "already a contact");
        assertThat(service.get(tenant, other.id()).orElseThrow().phone()).isEqualTo("+4915199999999");
    }

    @Test
    void samePhoneInTwoTenantsIsTwoContactsAndNeitherSeesTheOther() {
        UUID other = fx.tenant("Other");
        ContactView mine = service.create(tenant, new ContactDraft("Mine", "+4915112345678", null, null));
        ContactView theirs = service.create(other, new ContactDraft("Theirs", "+4915112345678", null, null));
        assertThat(service.page(tenant, "", ContactSort.NAME, true, null, 50).items()).extracting(ContactView::id).containsExactly(mine.id());
        assertThat(service.get(tenant, theirs.id())).isEmpty();
        assertThatThrownBy(() -> service.delete(tenant, theirs.id())).isInstanceOf(ValidationException.class);
        assertThat(service.get(other, theirs.id())).isPresent();
    }

    @Test
    void keysetPagesEverySortBothWaysWithoutRepeatsOrGaps() {
        for (int i = 0; i < 31; i++) {
            // Many equal names (and one without a name) so the id has to break ties.
            service.create(tenant, new ContactDraft(i == 30 ? null : "Name " + (i % 4), "+49151000000" + String.format("%02d", i), null, null));
        }
        for (ContactSort sort : ContactSort.values()) {
            for (boolean asc : new boolean[] {true, false}) {
                List<UUID> seen = new ArrayList<>();
                ContactCursor cursor = null;
                do {
                    ContactPage page = service.page(tenant, "", sort, asc, cursor, 4);
                    page.items().forEach(v -> seen.add(v.id()));
                    cursor = page.next();
                } while (cursor != null);
                assertThat(seen).as(sort + " asc=" + asc).hasSize(31).doesNotHaveDuplicates();
            }
        }
        List<String> byName = service.page(tenant, "", ContactSort.NAME, true, null, 100).items().stream().map(ContactView::title).toList();
        assertThat(byName.get(0)).isEqualTo("+4915100000030");
        assertThat(service.page(tenant, "name 3", ContactSort.NAME, true, null, 100).items()).hasSize(7);
        assertThat(service.page(tenant, "000012", ContactSort.PHONE, true, null, 100).items()).extracting(ContactView::phone)
                .containsExactly("+4915100000012");
    }

    @Test
    void csvImportWritesGoodRowsAndReportsEveryBadLineByNumber() {
        service.create(tenant, new ContactDraft("Existing", "+4915100000001", "OLD", Map.of("tier", "1")));
        String csv = """
                phone,name,external_ref,City,tier
                +4915100000001,Existing Renamed,,Berlin,
                not-a-number,Bad Phone,,Hamburg,
                +4915100000002,"Quoted, with comma",R-2,"Multi
                line city",3
                +4915100000003,Carla,R-3,Bonn,1
                004915100000002,Duplicate of line 4,,,
                +4915100000004,%s,,,
                +4915100000005,Too,Many,Fields,x,y

                +4915100000006,,R-6,,
                """.formatted("n".repeat(151));
        List<Double> progress = new ArrayList<>();
        ImportReport report = service.importCsv(tenant, new StringReader(csv), (f, what) -> progress.add(f));

        assertThat(report.errors()).extracting(ImportReport.LineError::line).containsExactly(3, 7, 8, 9);
        assertThat(report.errors()).extracting(ImportReport.LineError::field).containsExactly("phone", "phone", "name", "line");
        assertThat(report.errors().get(1).message()).contains("line 4");
        assertThat(report.created()).isEqualTo(3);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.rows()).isEqualTo(8);
        assertThat(progress).isNotEmpty().last().isEqualTo(1.0);

        ContactView existing = service.page(tenant, "+4915100000001", ContactSort.PHONE, true, null, 5).items().get(0);
        assertThat(existing.name()).isEqualTo("Existing Renamed");
        assertThat(existing.externalRef()).as("an empty cell keeps the old value").isEqualTo("OLD");
        assertThat(existing.metadata()).containsEntry("city", "Berlin").containsEntry("tier", "1");
        ContactView quoted = service.page(tenant, "000002", ContactSort.PHONE, true, null, 5).items().get(0);
        assertThat(quoted.name()).isEqualTo("Quoted, with comma");
        assertThat(quoted.metadata()).containsEntry("city", "Multi\nline city").containsEntry("tier", "3");
    }

    @Test
    void csvWithoutAPhoneColumnIsRefusedBeforeAnythingIsWritten() {
        assertField(() -> service.importCsv(tenant, new StringReader("name,email\nA,a@x\n"), ImportProgress.NONE), "header", "phone");
        assertThat(service.page(tenant, "", ContactSort.NAME, true, null, 10).items()).isEmpty();
    }

    @Test
    void exportWritesEveryContactAndReimportsToTheSameRows() {
        service.create(tenant, new ContactDraft("Anna, \"the\" first", "+4915100000001", "R1", Map.of("plan", "gold")));
        service.create(tenant, new ContactDraft(null, "+4915100000002", null, Map.of("city", "Bonn")));
        StringWriter out = new StringWriter();
        assertThat(service.exportCsv(tenant, out)).isEqualTo(2);
        assertThat(out.toString()).startsWith("phone,name,external_ref,city,plan\r\n")
                .contains("+4915100000001,\"Anna, \"\"the\"\" first\",R1,,gold");

        UUID copy = fx.tenant("Copy");
        ImportReport report = service.importCsv(copy, new StringReader(out.toString()), ImportProgress.NONE);
        assertThat(report.errors()).isEmpty();
        assertThat(report.created()).isEqualTo(2);
        assertThat(service.page(copy, "", ContactSort.PHONE, true, null, 10).items())
                .extracting(ContactView::name, ContactView::metadata)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Anna, \"the\" first", Map.of("plan", "gold")),
                        org.assertj.core.groups.Tuple.tuple(null, Map.of("city", "Bonn")));
    }

    private static void assertField(Runnable action, String field, String text) {
        assertThatThrownBy(action::run).isInstanceOf(ValidationException.class).hasMessageContaining(text)
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo(field));
    }
}

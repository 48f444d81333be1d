package io.switchboard.ui.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contact.ContactService;
import io.switchboard.contact.ContactView;
import io.switchboard.contact.ImportReport;
import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Database;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contact validation, the contact panel's actions, and the contacts window's import, on the embedded database without a window. */
class ContactViewModelsTest {
    private Database db;
    private InboxFixtures fx;
    private ContactService contacts;
    private InboxSession session;
    private UUID tenant;
    private final List<String> status = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        contacts = new ContactService(db);
        tenant = fx.tenant("Acme");
        session = new InboxSession(new ImmediateExecutor(), Instant::now);
        session.tenantProperty().set(new TenantService(db).get(tenant));
        session.onStatus(status::add);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void theEditorNamesTheRefusedFieldAndKeepsWhatWasTyped() {
        ContactEditorViewModel vm = new ContactEditorViewModel(contacts, session, null);
        List<ContactView> saved = new ArrayList<>();
        vm.form().nameProperty().set("Someone");
        vm.form().phoneProperty().set("12ab");
        vm.save(saved::add);

        assertThat(saved).isEmpty();
        assertThat(vm.form().errorProperty().get()).startsWith("phone:");
        assertThat(vm.form().invalidFieldProperty().get()).isEqualTo("phone");
        assertThat(vm.form().phoneProperty().get()).isEqualTo("12ab");
        assertThat(vm.savingProperty().get()).isFalse();

        vm.form().phoneProperty().set("+49 151 00000077");
        vm.form().nameProperty().set("x".repeat(151));
        vm.save(saved::add);
        assertThat(vm.form().invalidFieldProperty().get()).isEqualTo("name");
        assertThat(vm.form().errorProperty().get()).startsWith("name:").contains("150");

        vm.form().nameProperty().set("Dora");
        vm.save(saved::add);
        assertThat(saved).extracting(ContactView::phone).containsExactly("+4915100000077");
        assertThat(vm.form().errorProperty().get()).isEmpty();
        assertThat(vm.form().invalidFieldProperty().get()).isEmpty();
    }

    @Test
    void thePanelRefusesAMetadataKeyTwiceBeforeAskingTheDatabase() {
        ConversationSummary c = conversation();
        ContactPanelViewModel vm = new ContactPanelViewModel(contacts, new ConversationService(db), session, changed -> { });
        vm.show(c);
        vm.addMetadata().valueProperty().set("Berlin");
        vm.addMetadata().valueProperty().set("Hamburg");
        vm.metadata().get(0).keyProperty().set("city");
        vm.metadata().get(1).keyProperty().set(" city ");
        vm.save();

        assertThat(vm.form().errorProperty().get()).isEqualTo("metadata: the key \"city\" appears twice");
        assertThat(vm.form().invalidFieldProperty().get()).isEqualTo("metadata");
        assertThat(contacts.get(tenant, c.contactId()).orElseThrow().metadata()).isEmpty();

        vm.metadata().get(1).keyProperty().set("region");
        vm.save();
        assertThat(vm.form().errorProperty().get()).isEmpty();
        assertThat(contacts.get(tenant, c.contactId()).orElseThrow().metadata()).isEqualTo(Map.of("city", "Berlin", "region", "Hamburg"));
        assertThat(status).contains("Saved Anna Berg");
    }

    @Test
    void thePanelOffersWhatTheConversationsStatusAllows() {
        ConversationSummary c = conversation();
        List<ConversationSummary> changed = new ArrayList<>();
        ContactPanelViewModel vm = new ContactPanelViewModel(contacts, new ConversationService(db), session, changed::add);
        vm.show(c);
        assertThat(vm.canCloseProperty().get()).isTrue();
        assertThat(vm.canReopenProperty().get()).isFalse();
        assertThat(vm.headingProperty().get()).isEqualTo("Anna Berg");

        vm.archiveConversation();
        assertThat(vm.canArchiveProperty().get()).isFalse();
        assertThat(vm.canCloseProperty().get()).isFalse();
        assertThat(vm.canReopenProperty().get()).isTrue();
        assertThat(changed).extracting(s -> s.status().code()).containsExactly("archived");
        assertThat(status).contains("Conversation archived");
    }

    @Test
    void anImportReportsProgressThenASummaryAndEveryBadLineWhileTheGoodOnesAreStored() throws Exception {
        Path csv = Files.createTempFile("contacts", ".csv");
        Files.writeString(csv, """
                phone,name,external_ref,city
                +4915100000011,Dora,D-1,Berlin
                12,Too Short,,
                +4915100000012,Emil,,Hamburg
                +4915100000011,Dora Again,,
                """);
        ContactsViewModel vm = new ContactsViewModel(contacts, session);
        List<Double> progress = new ArrayList<>();
        vm.importProgressProperty().addListener((obs, old, p) -> progress.add(p.doubleValue()));
        vm.importFile(csv);
        Files.delete(csv);

        assertThat(vm.importShownProperty().get()).isTrue();
        assertThat(vm.importingProperty().get()).isFalse();
        assertThat(progress).isNotEmpty().last().isEqualTo(1.0);
        assertThat(vm.importSummaryProperty().get()).isEqualTo("Imported 2 of 4 rows (2 new, 0 updated); 2 lines were not imported:");
        assertThat(vm.importErrors()).extracting(ImportReport.LineError::line).containsExactly(3, 5);
        assertThat(vm.rows()).extracting(ContactView::name).containsExactly("Dora", "Emil");
        assertThat(vm.footerProperty().get()).isEqualTo("2 contacts");
    }

    @Test
    void aFileThatCannotBeReadImportsNothingAndSaysSo() {
        ContactsViewModel vm = new ContactsViewModel(contacts, session);
        vm.importFile(Path.of("/nonexistent/contacts.csv"));
        assertThat(vm.importSummaryProperty().get()).startsWith("Nothing was imported: ").contains("contacts.csv");
        assertThat(vm.importProgressProperty().get()).isZero();
        assertThat(vm.importingProperty().get()).isFalse();
    }

    @Test
    void theImportSummaryCountsInTheRightNumber() {
        ImportReport.LineError bad = new ImportReport.LineError(3, "phone", "too short");
        assertThat(ContactsViewModel.summary(new ImportReport(3, 2, 1, List.of()))).isEqualTo("Imported 3 of 3 rows (2 new, 1 updated).");
        assertThat(ContactsViewModel.summary(new ImportReport(4, 2, 1, List.of(bad)))).endsWith("; 1 line was not imported:");
        assertThat(ContactsViewModel.summary(new ImportReport(5, 2, 1, List.of(bad, bad)))).endsWith("; 2 lines were not imported:");
    }

    @Test
    void contactsArePagedAndTheFooterSaysWhetherMoreAreThere() {
        for (int i = 0; i < ContactsViewModel.PAGE + 5; i++) {
            fx.contact(tenant, "+49151" + String.format("%07d", i), "Customer " + String.format("%03d", i));
        }
        ContactsViewModel vm = new ContactsViewModel(contacts, session);
        vm.reload();
        assertThat(vm.rows()).hasSize(ContactsViewModel.PAGE);
        assertThat(vm.footerProperty().get()).isEqualTo(ContactsViewModel.PAGE + " contacts loaded · scroll for more");
        vm.loadMore();
        assertThat(vm.rows()).hasSize(ContactsViewModel.PAGE + 5);
        assertThat(vm.footerProperty().get()).isEqualTo((ContactsViewModel.PAGE + 5) + " contacts");
        vm.searchProperty().set("Customer 20");
        vm.reload();
        assertThat(vm.rows()).extracting(ContactView::name).containsExactly("Customer 200", "Customer 201", "Customer 202", "Customer 203", "Customer 204");
    }

    private ConversationSummary conversation() {
        UUID cv = fx.conversation(tenant, fx.contact(tenant, "+4915100000001", "Anna Berg"), "open", null);
        fx.text(tenant, cv, "inbound", "hello", LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        return new ConversationService(db).get(tenant, cv).orElseThrow();
    }
}

package io.switchboard.ui.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.contact.ContactService;
import io.switchboard.conversation.ConversationService;
import io.switchboard.db.Database;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.delivery.OutboxService;
import io.switchboard.template.TemplateService;
import io.switchboard.tenant.TenantChannels;
import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.contacts.ContactPanelViewModel;
import io.switchboard.ui.contacts.ContactsViewModel;
import io.switchboard.ui.thread.ThreadViewModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window above its parts: which tenant is shown, the title's unread count, what a change reloads. */
class InboxViewModelTest {
    private Database db;
    private InboxFixtures fx;
    private InboxSession session;
    private InboxViewModel inbox;
    private final List<String> status = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        session = new InboxSession(new ImmediateExecutor(), Instant::now);
        session.onStatus(status::add);
        ConversationService conversations = new ConversationService(db);
        InboxViewModel[] self = new InboxViewModel[1];
        inbox = new InboxViewModel(new TenantService(db), conversations, session, new InboxViewModel.Parts(
                new ConversationListViewModel(conversations, session),
                new ThreadViewModel(conversations, new OutboxService(db), new TemplateService(db), session, () -> self[0].activity()),
                new ContactPanelViewModel(new ContactService(db), conversations, session, c -> self[0].conversationChanged(c)),
                new StatusBarViewModel(conversations, new TenantChannels(db), session),
                vm -> new ContactsViewModel(new ContactService(db), session), vm -> null));
        self[0] = inbox;
        inbox.pickedProperty().addListener((obs, old, t) -> {
            if (t != null && !t.id().equals(session.tenantId())) {
                inbox.switchTenant(t);
            }
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void withoutTenantsTheStatusLineSaysWhatToDo() {
        inbox.reloadTenants(Optional.empty());
        assertThat(inbox.tenants()).isEmpty();
        assertThat(status).containsExactly("No tenants yet: open Tenants to create one.");
        assertThat(inbox.titleProperty().get()).isEqualTo("Switchboard");
    }

    @Test
    void theRememberedTenantIsShownWithItsUnreadCountInTheTitle() {
        UUID acme = fx.tenant("Acme");
        UUID globex = fx.tenant("Globex");
        fx.customerWrites(globex, "+4915100000001", "Greta", "hello");
        fx.customerWrites(globex, "+4915100000002", "Hugo", "hi");
        inbox.reloadTenants(Optional.of(globex));
        assertThat(session.tenantId()).isEqualTo(globex);
        assertThat(inbox.titleProperty().get()).isEqualTo("(2) Globex — Switchboard");
        assertThat(inbox.conversationList().rows()).hasSize(2);

        inbox.switchTenant(inbox.tenantAt(0).orElseThrow());
        assertThat(session.tenantId()).isEqualTo(acme);
        assertThat(inbox.titleProperty().get()).isEqualTo("Acme — Switchboard");
        assertThat(inbox.conversationList().rows()).isEmpty();
        assertThat(inbox.thread().conversation()).isNull();
    }

    @Test
    void anInactiveRememberedTenantIsStillShownButOtherwiseTheFirstActiveOneIs() {
        UUID dormant = fx.tenant("Dormant");
        new TenantService(db).setStatus(dormant, TenantStatus.INACTIVE);
        UUID acme = fx.tenant("Acme");
        inbox.reloadTenants(Optional.of(UUID.randomUUID()));
        assertThat(session.tenantId()).isEqualTo(acme);
    }

    @Test
    void aNewCustomerMessageReloadsTheListAndTheThreadButNotTheContact() {
        UUID acme = fx.tenant("Acme");
        inbox.reloadTenants(Optional.empty());
        fx.customerWrites(acme, "+4915100000001", "Anna", "first");
        InboxViewModel.Changes changes = inbox.changed(EnumSet.of(Kind.MESSAGES));
        assertThat(changes.thread()).isTrue();
        assertThat(changes.contact()).isFalse();
        assertThat(inbox.conversationList().rows()).hasSize(1);
        assertThat(inbox.titleProperty().get()).isEqualTo("(1) Acme — Switchboard");
        assertThat(inbox.statusBar().backlogProperty().get()).isEqualTo("Outbox: nothing waiting");

        inbox.open(inbox.conversationList().rows().get(0));
        assertThat(inbox.thread().titleProperty().get()).isEqualTo("Anna");
        assertThat(inbox.titleProperty().get()).as("opening marks it read").isEqualTo("Acme — Switchboard");
        assertThat(inbox.contactPanel().headingProperty().get()).isEqualTo("Anna");
    }
}

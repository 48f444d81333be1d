package io.switchboard.ui.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Database;
import io.switchboard.delivery.OutboxService;
import io.switchboard.message.MessageStatus;
import io.switchboard.template.TemplateService;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.common.QueuedExecutor;
import io.switchboard.ui.common.TimeLabels;
import io.switchboard.ui.common.UiExecutor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The open conversation's rules, without a window: rows, header, composer, sending, paging, late answers. */
class ThreadViewModelTest {
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Database db;
    private InboxFixtures fx;
    private ConversationService conversations;
    private UUID tenant;
    private final AtomicInteger activity = new AtomicInteger();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        fx = new InboxFixtures(db);
        conversations = new ConversationService(db);
        tenant = fx.tenant("Acme");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private ThreadViewModel model(UiExecutor executor) {
        InboxSession session = new InboxSession(executor, () -> now);
        session.tenantProperty().set(new TenantService(db).get(tenant));
        return new ThreadViewModel(conversations, new OutboxService(db), new TemplateService(db), session, activity::incrementAndGet);
    }

    private LocalDateTime ago(long minutes) {
        return LocalDateTime.ofInstant(now.minus(minutes, ChronoUnit.MINUTES), ZoneOffset.UTC);
    }

    private ConversationSummary conversation(String phone, String name, long lastInboundMinutesAgo) {
        UUID cv = fx.conversation(tenant, fx.contact(tenant, phone, name), "open", null);
        fx.text(tenant, cv, "inbound", "hello from " + name, ago(lastInboundMinutesAgo));
        return conversations.get(tenant, cv).orElseThrow();
    }

    private static List<String> texts(ThreadViewModel vm) {
        return vm.rows().stream().filter(r -> r instanceof ThreadItem.Bubble).map(r -> ((ThreadItem.Bubble) r).message().content()).toList();
    }

    @Test
    void openingShowsTheMessagesWithADaySeparatorBeforeEachDayAndTheHeader() {
        ConversationSummary c = conversation("+4915100000001", "Anna Berg", 5);
        fx.text(tenant, c.id(), "outbound", "three days ago", ago(3 * 24 * 60));
        fx.text(tenant, c.id(), "inbound", "two days ago", ago(2 * 24 * 60));
        ThreadViewModel vm = model(new ImmediateExecutor());

        vm.show(conversations.get(tenant, c.id()).orElseThrow());

        List<Object> expected = new ArrayList<>();
        LocalDate day = null;
        for (LocalDateTime at : List.of(ago(3 * 24 * 60), ago(2 * 24 * 60), ago(5))) {
            LocalDate d = TimeLabels.day(at.toInstant(ZoneOffset.UTC));
            if (!d.equals(day)) {
                expected.add(d);
                day = d;
            }
            expected.add("bubble");
        }
        assertThat(vm.rows()).extracting(r -> r instanceof ThreadItem.Day d ? (Object) d.day() : "bubble").containsExactlyElementsOf(expected);
        assertThat(texts(vm)).containsExactly("three days ago", "two days ago", "hello from Anna Berg");
        assertThat(vm.titleProperty().get()).isEqualTo("Anna Berg");
        assertThat(vm.subtitleProperty().get()).isEqualTo("+4915100000001 · whatsapp · last wrote 5 min ago");
        assertThat(vm.windowBadgeProperty().get()).isEqualTo("Reply window: 23 h left");
        assertThat(vm.windowBadgeStyleProperty().get()).isEqualTo("window-open");
        assertThat(vm.freeTextAllowedProperty().get()).isTrue();
        assertThat(vm.lastSwitchMillisProperty().get()).isGreaterThanOrEqualTo(0);
        assertThat(conversations.get(tenant, c.id()).orElseThrow().unread()).as("opening marks it read").isZero();
    }

    @Test
    void aSentMessageShowsAtOnceAsPendingAfterTheLoadedOnesThenTakesItsStoredId() {
        ConversationSummary c = conversation("+4915100000001", "Anna Berg", 5);
        QueuedExecutor executor = new QueuedExecutor();
        ThreadViewModel vm = model(executor);
        vm.show(c);
        executor.releaseAll();

        vm.draftProperty().set("  It left this morning.  ");
        vm.send();

        assertThat(vm.draftProperty().get()).isEmpty();
        ThreadItem.Bubble shown = (ThreadItem.Bubble) vm.rows().get(vm.rows().size() - 1);
        assertThat(shown.pending()).isTrue();
        assertThat(shown.message().content()).isEqualTo("It left this morning.");
        assertThat(shown.message().status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(vm.scrollToNewest()).isTrue();

        executor.releaseAll();
        ThreadItem.Bubble stored = (ThreadItem.Bubble) vm.rows().get(vm.rows().size() - 1);
        assertThat(stored.pending()).isFalse();
        assertThat(stored.message().id()).isNotEqualTo(shown.message().id());
        assertThat(conversations.thread(tenant, c.id(), null, 10).items()).extracting(m -> m.id()).contains(stored.message().id());
        assertThat(activity.get()).isPositive();
    }

    @Test
    void outsideTheTwentyFourHoursTheComposerIsOffAndSendSendsNothing() {
        ConversationSummary c = conversation("+4915100000001", "Anna Berg", 2 * 24 * 60);
        ThreadViewModel vm = model(new ImmediateExecutor());
        vm.show(c);

        assertThat(vm.freeTextAllowedProperty().get()).isFalse();
        assertThat(vm.templateAllowedProperty().get()).isTrue();
        assertThat(vm.noticeProperty().get()).contains("24 hours");
        assertThat(vm.windowBadgeProperty().get()).isEqualTo("Template only");
        vm.draftProperty().set("hello?");
        vm.send();
        assertThat(texts(vm)).containsExactly("hello from Anna Berg");
        assertThat(vm.draftProperty().get()).isEqualTo("hello?");
    }

    @Test
    void aSendTheOutboxRefusesTakesTheBubbleBackRestoresTheTextAndSaysWhy() {
        ConversationSummary c = conversation("+4915100000001", "Anna Berg", 5);
        ThreadViewModel vm = model(new ImmediateExecutor());
        vm.show(c);
        conversations.archive(tenant, c.id());

        vm.draftProperty().set("Are you still there?");
        vm.send();

        assertThat(texts(vm)).containsExactly("hello from Anna Berg");
        assertThat(vm.draftProperty().get()).isEqualTo("Are you still there?");
        assertThat(vm.errorProperty().get()).isEqualTo("conversation: is archived; reopen it before replying");
        vm.draftProperty().set("Are you still there?!");
        assertThat(vm.errorProperty().get()).as("typing again clears the error").isEmpty();
    }

    @Test
    void archivingTheOpenConversationTurnsTheComposerOff() {
        ConversationSummary c = conversation("+4915100000001", "Anna Berg", 5);
        ThreadViewModel vm = model(new ImmediateExecutor());
        vm.show(c);
        vm.updated(conversations.archive(tenant, c.id()));

        assertThat(vm.freeTextAllowedProperty().get()).isFalse();
        assertThat(vm.templateAllowedProperty().get()).isFalse();
        assertThat(vm.statusBadgeStyleProperty().get()).isEqualTo("status-archived");
        assertThat(vm.promptProperty().get()).isEqualTo("Archived");
    }

    @Test
    void anAnswerForAConversationNoLongerOpenIsDropped() {
        ConversationSummary anna = conversation("+4915100000001", "Anna Berg", 5);
        ConversationSummary ben = conversation("+4915100000002", "Ben Okafor", 5);
        QueuedExecutor executor = new QueuedExecutor();
        ThreadViewModel vm = model(executor);

        vm.show(anna);
        vm.show(ben);
        executor.release(1);
        executor.releaseAll();

        assertThat(vm.conversation().id()).isEqualTo(ben.id());
        assertThat(texts(vm)).containsExactly("hello from Ben Okafor");
    }

    @Test
    void olderPagesLoadOnRequestAndStopTheViewFollowingTheNewest() {
        ConversationSummary c = conversation("+4915100000001", "Anna Berg", 1);
        for (int i = 1; i <= 119; i++) {
            fx.text(tenant, c.id(), i % 2 == 0 ? "inbound" : "outbound", "message " + i, ago(300 - i));
        }
        ThreadViewModel vm = model(new ImmediateExecutor());
        vm.show(conversations.get(tenant, c.id()).orElseThrow());
        assertThat(texts(vm)).hasSize(ThreadViewModel.PAGE);
        assertThat(vm.hasOlder()).isTrue();

        vm.loadOlder();
        assertThat(texts(vm)).hasSize(2 * ThreadViewModel.PAGE);
        assertThat(vm.scrollToNewest()).as("reading history keeps the reader's place").isFalse();
        vm.loadOlder();
        assertThat(texts(vm)).hasSize(120).doesNotHaveDuplicates().startsWith("message 1");
        assertThat(vm.hasOlder()).isFalse();
    }
}

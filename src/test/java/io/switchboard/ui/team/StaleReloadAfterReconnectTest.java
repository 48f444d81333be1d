package io.switchboard.ui.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.ConversationService;
import io.switchboard.conversation.ScopeCounts;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.HostList;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.delivery.OutboxService;
import io.switchboard.team.TeamServices;
import io.switchboard.template.TemplateService;
import io.switchboard.tenant.TenantChannels;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TcpProxy;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.common.UiExecutor;
import io.switchboard.ui.inbox.ConversationListViewModel;
import io.switchboard.ui.inbox.StatusBarViewModel;
import io.switchboard.ui.thread.ThreadViewModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under the team inbox while reloads run; the connection comes back and the window says
 * "Reconnected; reloaded everything"; only then do the cut-off reloads' failures arrive (as they do in the window:
 * the work fails on a pool thread, the answer lands later on the FX thread). They must not replace that message —
 * while a reload started after the reconnect still reports its own failure. Real database behind a real TCP relay
 * that is cut; no display.
 */
class StaleReloadAfterReconnectTest {
    private static final String RECONNECTED = "Reconnected; reloaded everything";

    private TcpProxy proxy;
    private Database db;
    private UUID tenant;
    private final LateAnswers executor = new LateAnswers();
    private final List<String> reports = new ArrayList<>();
    private InboxSession session;
    private StatusBarViewModel statusBar;
    private ConversationListViewModel list;
    private TeamViewModel team;

    @BeforeEach
    void setUp() throws Exception {
        ConnectionTarget server = TestDatabase.migratedDatabase();
        proxy = new TcpProxy(server.port());
        HostList hosts = new HostList(List.of(new HostList.Address("127.0.0.1", proxy.port())));
        db = Database.connect(new ConnectionTarget(hosts, server.database(), server.user(), server.password(), false, ConnectionTarget.Role.PRIMARY),
                4, "test").startHibernate(false);
        InboxFixtures fx = new InboxFixtures(db);
        tenant = fx.tenant("Acme");
        fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "hello");
        session = new InboxSession(executor, Instant::now);
        session.onStatus(reports::add);
        ConversationService conversations = new ConversationService(db);
        statusBar = new StatusBarViewModel(conversations, new TenantChannels(db), session);
        list = new ConversationListViewModel(conversations, session);
        ThreadViewModel thread = new ThreadViewModel(conversations, new OutboxService(db), new TemplateService(db), session, () -> { });
        team = new TeamViewModel(new TeamServices(db, "Pat Owner"), conversations, session, list, thread);
        session.tenantProperty().set(new TenantService(db).get(tenant));
        list.reload();
        executor.settle();
        assertThat(team.scopeBar().countsProperty().get()).isEqualTo(new ScopeCounts(0, 1, 1));
        assertThat(reports).noneMatch(r -> r.startsWith("Could not"));
    }

    @AfterEach
    void tearDown() {
        db.close();
        proxy.close();
    }

    @Test
    void aReloadCutOffByTheLossFailsAfterTheReconnectAndTheStatusStillSaysReconnected() throws Exception {
        // A customer writes: the counts and the list reload…
        team.changed(EnumSet.of(Kind.CONVERSATIONS, Kind.AGENTS));
        list.reload();
        // …and the server goes away while they run: each fails on its pool thread.
        proxy.cut();
        statusBar.live(false, true, "Database connection lost; reconnecting…");
        int started = executor.queued();
        assertThat(executor.work()).as("every reload running during the cut failed").isEqualTo(started).isPositive();

        // The connection comes back; the window says so and reloads everything (as WindowReactions does).
        proxy.restore();
        statusBar.live(true, true, null);
        list.reload();
        team.reload();
        assertThat(reports).last().isEqualTo(RECONNECTED);

        // Only now do the cut-off reloads' answers reach the window: stale, dropped.
        executor.answer();
        assertThat(reports).last().isEqualTo(RECONNECTED);

        // The reloads started after the reconnect land, and the counts are right again.
        executor.settle();
        assertThat(reports).last().isEqualTo(RECONNECTED);
        assertThat(reports.subList(reports.indexOf(RECONNECTED), reports.size())).containsExactly(RECONNECTED);
        assertThat(team.scopeBar().countsProperty().get()).isEqualTo(new ScopeCounts(0, 1, 1));
        assertThat(list.rows()).hasSize(1);

        // A reload started after the reconnect that fails is news, and says so.
        team.changed(EnumSet.of(Kind.CONVERSATIONS));
        proxy.cut();
        assertThat(executor.work()).isEqualTo(1);
        executor.answer();
        assertThat(reports).last().asString().startsWith("Could not count conversations: ");
    }

    /**
     * The window's executor taken apart: {@link #work()} runs what was queued, each on a thread of its own as the
     * pool would; {@link #answer()} hands the held answers to the view models later, as the FX thread does.
     */
    private static final class LateAnswers implements UiExecutor {
        private final List<Job<?>> queued = new ArrayList<>();
        private final List<Runnable> answers = new ArrayList<>();

        @Override
        public <T> void run(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            queued.add(new Job<>(work, onSuccess, onFailure));
        }

        @Override
        public <T> void now(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            run(work, onSuccess, onFailure);
        }

        @Override
        public void onUi(Runnable update) {
            answers.add(update);
        }

        int queued() {
            return queued.size();
        }

        /** Runs the queued work side by side and holds the answers; returns how many failed. */
        int work() throws InterruptedException {
            List<Job<?>> batch = new ArrayList<>(queued);
            queued.clear();
            List<Thread> threads = batch.stream().map(j -> new Thread(j::work, "reload")).toList();
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            batch.forEach(j -> answers.add(j::answer));
            return (int) batch.stream().filter(j -> j.failure != null).count();
        }

        void answer() {
            List<Runnable> batch = new ArrayList<>(answers);
            answers.clear();
            batch.forEach(Runnable::run);
        }

        void settle() throws InterruptedException {
            while (!queued.isEmpty() || !answers.isEmpty()) {
                work();
                answer();
            }
        }
    }

    private static final class Job<T> {
        private final Supplier<T> work;
        private final Consumer<T> onSuccess;
        private final Consumer<Throwable> onFailure;
        private volatile T result;
        private volatile Throwable failure;

        Job(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            this.work = work;
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }

        void work() {
            try {
                result = work.get();
            } catch (Throwable t) {
                failure = t;
            }
        }

        void answer() {
            if (failure != null) {
                onFailure.accept(failure);
            } else {
                onSuccess.accept(result);
            }
        }
    }
}

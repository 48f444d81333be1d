package io.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.db.HostList;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TcpProxy;
import io.switchboard.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The primary changes under an open window: DB_HOST lists two hosts, the first goes away and the second (down until now)
 * answers, as after a standby's promotion. The window shows its banner, the live updates reconnect through the host list
 * by themselves, the status bar says so, and a customer's next message appears without anyone touching the window.
 * Both hosts are TCP proxies to the same test server, so the data is the promoted standby's.
 */
class FailoverWindowTest {
    private final FxRobot robot = new FxRobot();
    private TcpProxy first;
    private TcpProxy second;
    private Database db;
    private InboxFixtures fixtures;
    private Preferences prefs;
    private DesktopApp app;
    private UUID acme;

    @BeforeEach
    void setUp() {
        ConnectionTarget server = TestDatabase.migratedDatabase();
        first = new TcpProxy(server.port());
        second = new TcpProxy(server.port());
        second.cut(); // the standby: not a primary yet
        HostList hosts = new HostList(List.of(new HostList.Address("127.0.0.1", first.port()), new HostList.Address("127.0.0.1", second.port())));
        db = Database.connect(new ConnectionTarget(hosts, server.database(), server.user(), server.password(), false, ConnectionTarget.Role.PRIMARY),
                10, "test").startHibernate(false);
        fixtures = new InboxFixtures(db);
        acme = fixtures.tenant("Acme");
        fixtures.customerWrites(acme, "+4915100000001", "Anna Berg", "hello");
        prefs = Preferences.userRoot().node("switchboard-test-" + UUID.randomUUID());
        prefs.put("tenant", acme.toString());
        prefs.put("theme", "LIGHT");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        prefs.removeNode();
        db.close();
        first.close();
        second.close();
    }

    @Test
    void theWindowFollowsTheNewPrimaryWithItsBannerThenSaysItReconnectedAndStaysLive() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(() -> new Services(new DatabaseStartup.Running(db, Optional.empty())), prefs));
        await(() -> app.model() != null && rows().size() == 1 && "Live updates on".equals(text("#liveLabel")));
        List<String> banner = new CopyOnWriteArrayList<>();
        List<String> said = new CopyOnWriteArrayList<>(); // a reload that failed during the cut may report after the reconnect
        fxGet(() -> {
            HBox bar = (HBox) robot.lookup("#banner").query();
            bar.visibleProperty().addListener((obs, was, shown) -> banner.add(shown ? "shown: " + text("#bannerText") : "hidden"));
            ((Label) robot.lookup("#statusMessage").query()).textProperty().addListener((obs, was, now) -> said.add(now));
            return null;
        });

        first.cut();    // the old primary is gone…
        second.restore(); // …and the promoted standby answers at the second host
        long failedOver = System.nanoTime();

        await(() -> said.contains("Reconnected; reloaded everything") && "Live updates on".equals(text("#liveLabel")));
        System.out.println("FailoverWindowTest: the status bar said " + said);
        long reconnectedMs = (System.nanoTime() - failedOver) / 1_000_000;
        assertThat(banner).as("the banner came while the listener was down, and went").hasSizeGreaterThanOrEqualTo(2)
                .last().isEqualTo("hidden");
        assertThat(banner.get(0)).startsWith("shown: Database connection lost");
        System.out.println("FailoverWindowTest: the window said it reconnected " + reconnectedMs + " ms after the primary changed; banner " + banner);
        assertThat(reconnectedMs).as("ms until the window said it reconnected (the issue allows 10 s)").isLessThan(10_000);

        fixtures.customerWrites(acme, "+4915100000002", "Ben Okafor", "are you there?"); // through the pool, now on the second host
        await(() -> rows().size() == 2 && rows().get(0).title().equals("Ben Okafor"));
        // A reload cut off by the failover that fails late is stale: it must not have replaced "Reconnected" (team-access-07).
        List<String> since = List.copyOf(said.subList(said.lastIndexOf("Reconnected; reloaded everything"), said.size()));
        assertThat(since).as("what the status bar said after it reconnected").noneMatch(s -> s.startsWith("Could not"));
    }

    @SuppressWarnings("unchecked")
    private List<ConversationSummary> rows() {
        return List.copyOf(((ListView<ConversationSummary>) robot.lookup(".conversation-list").query()).getItems());
    }

    private String text(String query) {
        return ((Label) robot.lookup(query).query()).getText();
    }

    private static <T> T fxGet(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(45, TimeUnit.SECONDS, () -> {
            try {
                return Boolean.TRUE.equals(fxGet(condition));
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
    }
}

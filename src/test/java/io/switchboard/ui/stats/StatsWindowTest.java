package io.switchboard.ui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.db.Notifications;
import io.switchboard.stats.StatsTables;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Stats window on a real database: it opens, switches range and tenant, exports CSV, and moves live. */
class StatsWindowTest {
    private final FxRobot robot = new FxRobot();
    private Database db;
    private Services services;
    private UUID acme;
    private UUID globex;
    private StatsWindow window;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.open();
        TenantService tenants = new TenantService(db);
        acme = tenants.create("Acme").id();
        globex = tenants.create("Globex").id();
        sent(acme, "+15550001111");
        sent(acme, "+15550001112");
        sent(globex, "+15550002222");
        services = new Services(new DatabaseStartup.Running(db, Optional.empty()));
        FxToolkit.registerPrimaryStage();
        // The app's theme (DesktopApp applies it at start): the view's sheet uses its colours.
        WaitForAsyncUtils.asyncFx(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet())).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get(10, TimeUnit.SECONDS);
        }
        FxToolkit.cleanupStages();
        db.close();
    }

    @Test
    void opensSwitchesRangeAndTenantExportsCsvAndMovesLive() throws Exception {
        Path export = dir.resolve("volume.csv");
        window = WaitForAsyncUtils.asyncFx(() -> StatsWindow.open(null, services, acme, (owner, title, name, ext) -> Optional.of(export)))
                .get(120, TimeUnit.SECONDS);
        StatsViewModel vm = window.viewModel();
        try {
            await(() -> "2".equals(tileText("#tile-sent")));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("sent " + fx(vm.sent::get) + ", error " + fx(vm.error::get) + ", loading " + fx(vm.loading::get)
                    + ", tile " + fx(() -> robot.lookup("#tile-sent").tryQuery().isPresent()) + " " + tileText("#tile-sent"), e);
        }
        assertThat(tileText("#tile-delivery-rate")).isEqualTo("0.0 %");
        assertThat(tileText("#tile-read-rate")).isEqualTo("–");
        assertThat(fx(() -> vm.days.size())).isEqualTo(30);

        robot.clickOn("#preset-DAYS_7");
        await(() -> vm.days.size() == 7);
        assertThat(fx(vm.rangeText::get)).startsWith(LocalDate.now(ZoneOffset.UTC).minusDays(6).toString());

        robot.clickOn("#statsTenant");
        robot.clickOn("Globex");
        await(() -> "1".equals(tileText("#tile-sent")) && globex.equals(vm.report.get().tenantId()));

        robot.clickOn("#export-volume");
        robot.clickOn("#csv-volume-by-day");
        await(() -> Files.exists(export) && Files.size(export) > 0);
        String csv = Files.readString(export);
        assertThat(csv).isEqualTo(fx(() -> vm.table(StatsTables.By.DAY).csv()));
        assertThat(csv.split("\r\n")).hasSize(8).startsWith("day,inbound,outbound,new_conversations,sent,delivered,read,failed");

        sent(globex, "+15550002223"); // announces the change as the writers do
        long asked = System.nanoTime();
        await(() -> "2".equals(tileText("#tile-sent")));
        assertThat((System.nanoTime() - asked) / 1_000_000).as("ms until the tile moved").isLessThan(4_000);
    }

    @Test
    void aPreparedWindowIsKeptWhenClosedAndShowsFreshFiguresWhenOpenedAgain() throws Exception {
        window = WaitForAsyncUtils.asyncFx(() -> StatsWindow.prepare(null, services, (owner, title, name, ext) -> Optional.empty()))
                .get(120, TimeUnit.SECONDS);
        StatsViewModel vm = window.viewModel();
        assertThat(fx(() -> window.stage().isShowing())).isFalse();
        assertThat(fx(() -> vm.report.get())).as("nothing is read before the first click").isNull();

        WaitForAsyncUtils.asyncFx(() -> window.show(acme)).get(10, TimeUnit.SECONDS);
        await(() -> "2".equals(tileText("#tile-sent")) && robot.lookup("#tile-sent").query().isVisible() && window.stage().isShowing());
        robot.clickOn("#preset-DAYS_7");
        await(() -> vm.days.size() == 7);

        // The close button hides the window and keeps it; figures that change meanwhile are not shown stale at the next click
        WaitForAsyncUtils.asyncFx(() -> window.stage().fireEvent(new javafx.stage.WindowEvent(window.stage(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)))
                .get(10, TimeUnit.SECONDS);
        await(() -> !window.stage().isShowing());
        assertThat(fx(window::disposed)).isFalse();
        sent(acme, "+15550001113");
        sent(acme, "+15550001114");
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> {
            vm.report.addListener((obs, old, r) -> seen.add("report"));
            window.stage().getScene().addPostLayoutPulseListener(() -> {
                Label tile = robot.lookup("#tile-sent .stats-tile-value").queryAs(Label.class);
                if (window.stage().isShowing() && tile.isVisible() && robot.lookup(".stats-scroll").query().isVisible()) {
                    seen.add("visible " + tile.getText());
                }
            });
            window.show(acme);
        }).get(10, TimeUnit.SECONDS);
        await(() -> "4".equals(tileText("#tile-sent")) && window.stage().isShowing());
        await(() -> seen.contains("visible 4"));
        assertThat(seen).as("no frame showed the figures it was closed with").doesNotContain("visible 2");
        assertThat(fx(() -> vm.preset.get())).as("the range chosen last").isEqualTo(RangePreset.DAYS_7);
        assertThat(fx(() -> vm.days.size())).isEqualTo(7);

        // Opened again on another tenant (the inbox switched), and live again while shown
        WaitForAsyncUtils.asyncFx(window::hide).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> window.show(globex)).get(10, TimeUnit.SECONDS);
        await(() -> "1".equals(tileText("#tile-sent")) && globex.equals(vm.report.get().tenantId()));
        sent(globex, "+15550002223");
        await(() -> "2".equals(tileText("#tile-sent")));

        // Closed from elsewhere (its owner closing, here a plain close): released for good
        WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get(10, TimeUnit.SECONDS);
        assertThat(fx(window::disposed)).isTrue();
    }

    private String tileText(String id) {
        return fx(() -> robot.lookup(id + " .stats-tile-value").queryAs(Label.class).getText());
    }

    private void sent(UUID tenant, String phone) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH ct AS (INSERT INTO contacts (tenant_id, phone) VALUES (?, ?) RETURNING id),
                         cv AS (INSERT INTO conversations (tenant_id, contact_id) SELECT ?, id FROM ct RETURNING id, contact_id)
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, sent_at)
                    SELECT ?, cv.id, cv.contact_id, 'outbound', 'text', 'x', 'sent', NOW() AT TIME ZONE 'UTC' FROM cv""")) {
                ps.setObject(1, tenant);
                ps.setString(2, phone);
                ps.setObject(3, tenant);
                ps.setObject(4, tenant);
                ps.executeUpdate();
            }
            Notifications.announce(c, tenant, Notifications.Kind.STATUSES);
            return null;
        });
    }

    private static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            try {
                return Boolean.TRUE.equals(fx(condition));
            } catch (AssertionError | RuntimeException e) {
                return false;
            }
        });
    }
}

package io.switchboard.ui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboundFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A supervisor opens Stats, clicks "Reconcile with Meta", and sees today's row tinted with its reason, then exports it. */
class ReconcileWindowTest {
    private final FxRobot robot = new FxRobot();
    private final OutboundFixture f = new OutboundFixture(SandboxOptions.fast(), null, 1_000);
    private StatsWindow window;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        WaitForAsyncUtils.asyncFx(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet())).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        f.close();
    }

    @Test
    void theButtonOpensTheReconciliationForTheShownTenantWithTheDifferenceHighlighted() throws Exception {
        f.queueText("+4915112345601", "hello");
        f.sender().processBatch();
        Thread.sleep(300); // Meta delivers; the statuses go nowhere, so our delivered stays 0
        Path export = dir.resolve("reconcile.csv");
        Services services = new Services(new DatabaseStartup.Running(f.db, Optional.empty())).withSecrets(f.secrets);
        window = WaitForAsyncUtils.asyncFx(() -> StatsWindow.open(null, services, f.tenantId, (owner, title, name, ext) -> Optional.of(export)))
                .get(120, TimeUnit.SECONDS);
        await(() -> window.viewModel().report.get() != null && !robot.lookup("#reconcileWithMeta").query().isDisabled());

        robot.clickOn("#reconcileWithMeta");
        await(() -> reconcileStage() != null);
        Stage stage = fx(this::reconcileStage);
        await(() -> robot.from(stage.getScene().getRoot()).lookup("#reconcileSummary").queryAs(Label.class).getText().contains("differ"));

        assertThat(fx(() -> robot.from(stage.getScene().getRoot()).lookup("#reconcileSummary").queryAs(Label.class).getText()))
                .isEqualTo("1 of 30 number-days differ, 1 by more than 1 % (ours from the counters).");
        robot.clickOn(robot.from(stage.getScene().getRoot()).lookup("#onlyDifferences").queryAs(javafx.scene.Node.class));
        await(() -> table(stage).getItems().size() == 1);
        await(() -> robot.from(table(stage)).lookup(".reconcile-flagged").tryQuery().isPresent());
        TableRow<?> row = fx(() -> robot.from(table(stage)).lookup(".reconcile-flagged").queryAs(TableRow.class));
        assertThat(fx(() -> row.getTooltip().getText())).contains("never reached Switchboard");

        robot.clickOn(robot.from(stage.getScene().getRoot()).lookup("#reconcileExport").queryAs(javafx.scene.Node.class));
        await(() -> Files.exists(export) && Files.size(export) > 0);
        assertThat(Files.readString(export)).startsWith("day_utc,number,sent_ours,sent_meta").contains(",1,1,0,0,1,-1,yes,");

        // The same window compares templates too; this tenant has none with Meta's id, and the tab says so.
        robot.clickOn("By template");
        await(() -> robot.from(stage.getScene().getRoot()).lookup("#templateReconcileProblems").tryQuery().isPresent()
                && robot.from(stage.getScene().getRoot()).lookup("#templateReconcileProblems").queryAs(Label.class).isVisible());
        assertThat(fx(() -> robot.from(stage.getScene().getRoot()).lookup("#templateReconcileProblems").queryAs(Label.class).getText()))
                .contains("no template of this tenant carries Meta's template id");
        assertThat(fx(() -> robot.from(stage.getScene().getRoot()).lookup("#templateReconcileSummary").queryAs(Label.class).getText()))
                .isEqualTo("No template to compare.");
    }

    @SuppressWarnings("unchecked")
    private TableView<Object> table(Stage stage) {
        return robot.from(stage.getScene().getRoot()).lookup("#reconcileTable").queryAs(TableView.class);
    }

    private Stage reconcileStage() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Reconcile with Meta"))
                .map(w -> (Stage) w).findFirst().orElse(null);
    }

    private static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            try {
                return Boolean.TRUE.equals(fx(condition));
            } catch (AssertionError | RuntimeException e) {
                return false;
            }
        });
    }
}

package io.switchboard.ui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The main window's kept Stats window: built hidden while idle, reused by each click, released with its owner. */
class KeptStatsWindowTest {
    private Database db;

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        if (db != null) {
            db.close();
        }
    }

    @Test
    void isBuiltAheadReusedByEachClickAndReleasedWithItsOwner() throws Exception {
        db = TestDatabase.open();
        UUID acme = new TenantService(db).create("Acme").id();
        Services services = new Services(new DatabaseStartup.Running(db, Optional.empty()));
        FxToolkit.registerPrimaryStage();
        Stage owner = fx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new Pane(), 300, 200));
            s.show();
            return s;
        });
        KeptStatsWindow kept = fx(() -> new KeptStatsWindow(owner, services));
        fx(() -> {
            kept.prepareWhenIdle();
            return null;
        });
        assertThat(fx(kept::window)).as("not built at once: the inbox loads first").isNull();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(kept::window) != null);
        StatsWindow prepared = fx(kept::window);
        assertThat(fx(() -> prepared.stage().isShowing())).isFalse();
        assertThat(fx(() -> prepared.viewModel().report.get())).as("nothing read before the click").isNull();

        fx(() -> {
            kept.show(acme);
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> prepared.stage().isShowing() && prepared.viewModel().report.get() != null
                && acme.equals(prepared.viewModel().report.get().tenantId())));
        fx(() -> {
            prepared.hide();
            kept.show(null);
            return null;
        });
        assertThat(fx(kept::window)).as("the same window, not a new one").isSameAs(prepared);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> prepared.viewModel().report.get().tenantId() == null));
        assertThat(fx(() -> prepared.viewModel().tenant.get())).isEqualTo(TenantChoice.ALL);

        fx(() -> {
            owner.hide();
            return null;
        });
        assertThat(fx(prepared::disposed)).as("released with its owner").isTrue();
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS);
    }
}

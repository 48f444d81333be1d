package io.switchboard.ui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.stats.StatsService;
import io.switchboard.stats.StatsTables;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view model on a real database, without a display: background and FX work run inline. */
class StatsViewModelTest {
    private Database db;
    private UUID acme;
    private UUID globex;
    private StatsViewModel vm;
    private ScheduledExecutorService timer;

    @BeforeEach
    void open() {
        db = TestDatabase.open();
        TenantService tenants = new TenantService(db);
        acme = tenants.create("Acme").id();
        globex = tenants.create("Globex").id();
        outbound(acme, "read", null);
        outbound(acme, "failed", "131026");
        outbound(globex, "delivered", null);
        timer = Executors.newSingleThreadScheduledExecutor();
        vm = new StatsViewModel(new StatsService(db), tenants::list, Runnable::run, Runnable::run, timer, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        db.close();
    }

    @Test
    void opensOnATenantAndSwitchesRangeAndTenant() {
        vm.open(acme);

        assertThat(vm.tenants).extracting(TenantChoice::name).containsExactly("All tenants", "Acme", "Globex");
        assertThat(vm.tenant.get().id()).isEqualTo(acme);
        assertThat(List.of(vm.sent.get(), vm.delivered.get(), vm.read.get(), vm.failed.get())).containsExactly("1", "1", "1", "1");
        assertThat(vm.deliveryRate.get()).isEqualTo("100.0 %");
        assertThat(vm.failureRate.get()).isEqualTo("50.0 %");
        assertThat(vm.days).hasSize(30);
        assertThat(vm.failures).singleElement().satisfies(f -> assertThat(f.code()).isEqualTo("131026"));

        vm.selectPreset(RangePreset.TODAY);
        assertThat(vm.days).hasSize(1);
        assertThat(vm.rangeText.get()).startsWith(LocalDate.now(ZoneOffset.UTC) + " to " + LocalDate.now(ZoneOffset.UTC)).endsWith("UTC");

        vm.selectTenant(TenantChoice.ALL);
        assertThat(vm.report.get().tenantId()).isNull();
        assertThat(vm.sent.get()).isEqualTo("2");

        vm.selectCustom(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31));
        assertThat(vm.sent.get()).isEqualTo("0");
        assertThat(vm.deliveryRate.get()).isEqualTo("–");
        assertThat(vm.error.get()).isNull();
    }

    @Test
    void aFailureRowDrillsDownToItsContactsAndExportsTheSameTableAsTheCommand() {
        vm.open(acme);

        vm.drillDown(vm.failures.get(0));

        assertThat(vm.drillMessages).singleElement().satisfies(m -> assertThat(m.phone()).isEqualTo("+15550001111"));
        assertThat(vm.drillTable().csv()).contains("+15550001111").contains("131026");
        assertThat(vm.table(StatsTables.By.DAY).csv()).isEqualTo(StatsTables.of(vm.report.get(), StatsTables.By.DAY).csv());
    }

    @Test
    void aChangeForTheShownTenantRefreshesWithinTwoSecondsAndOthersDoNot() throws Exception {
        vm.open(acme);
        outbound(acme, "sent", null);
        outbound(acme, "sent", null);

        vm.changed(Set.of(globex));
        Thread.sleep(StatsViewModel.LIVE_DELAY.toMillis() + 500);
        assertThat(vm.sent.get()).isEqualTo("1");

        long asked = System.nanoTime();
        vm.changed(Set.of(acme));
        vm.changed(Set.of(acme));
        while (!vm.sent.get().equals("3") && System.nanoTime() - asked < 5_000_000_000L) {
            Thread.sleep(50);
        }
        assertThat(vm.sent.get()).isEqualTo("3");
        assertThat((System.nanoTime() - asked) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void anUpdateChangesOnlyTheRowsThatDiffer() {
        ObservableList<String> list = FXCollections.observableArrayList("a", "b", "c");
        List<String> changes = new java.util.ArrayList<>();
        list.addListener((javafx.collections.ListChangeListener<String>) c -> {
            while (c.next()) {
                changes.add(c.wasReplaced() ? "replaced " + c.getFrom() : c.toString());
            }
        });

        StatsViewModel.update(list, List.of("a", "B", "c"));
        StatsViewModel.update(list, List.of("a", "B", "c"));

        assertThat(list).containsExactly("a", "B", "c");
        assertThat(changes).containsExactly("replaced 1");
    }

    private void outbound(UUID tenant, String status, String code) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH ct AS (INSERT INTO contacts (tenant_id, phone) VALUES (?, '+15550001111')
                                ON CONFLICT (tenant_id, phone) DO UPDATE SET phone = EXCLUDED.phone RETURNING id),
                         cv AS (INSERT INTO conversations (tenant_id, contact_id, status) SELECT ?, id, 'archived' FROM ct RETURNING id, contact_id)
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, sent_at, delivered_at, read_at,
                                          failed_at, error_code)
                    SELECT ?, cv.id, cv.contact_id, 'outbound', 'text', 'x', ?::varchar, CASE WHEN ?::varchar <> 'failed' THEN n END,
                           CASE WHEN ?::varchar IN ('delivered', 'read') THEN n END, CASE WHEN ?::varchar = 'read' THEN n END,
                           CASE WHEN ?::varchar = 'failed' THEN n END, ?
                    FROM cv, (SELECT NOW() AT TIME ZONE 'UTC' AS n) t""")) {
                ps.setObject(1, tenant);
                ps.setObject(2, tenant);
                ps.setObject(3, tenant);
                ps.setString(4, status);
                ps.setString(5, status);
                ps.setString(6, status);
                ps.setString(7, status);
                ps.setString(8, status);
                ps.setString(9, code);
                return ps.executeUpdate();
            }
        });
    }
}

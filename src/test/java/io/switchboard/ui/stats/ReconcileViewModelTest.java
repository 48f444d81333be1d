package io.switchboard.ui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.CloudApiResponse;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.stats.MetaAnalytics;
import io.switchboard.stats.MetaReconciliation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reconcile screen's state without a display: rows, summary, the "only differences" filter, a bad range. */
class ReconcileViewModelTest {
    // Meta delivers; the sandbox posts its statuses nowhere, so Switchboard never hears of the delivery.
    private final OutboundFixture f = new OutboundFixture(SandboxOptions.fast(), null, 1_000);
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @AfterEach
    void close() {
        f.close();
    }

    private ReconcileViewModel vm() {
        MetaReconciliation reconciliation = new MetaReconciliation(io.switchboard.db.ReadRouting.primaryOnly(f.db), new WhatsAppAccountService(f.db, f.secrets),
                new MetaAnalytics(new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5))), Clock.systemUTC());
        ReconcileViewModel vm = new ReconcileViewModel(reconciliation, Runnable::run, Runnable::run);
        vm.tenantId.set(f.tenantId);
        return vm;
    }

    @Test
    void aDeliveryOnlyMetaSawIsTheOneDifferingRowAndTheFilterKeepsIt() throws Exception {
        f.queueText("+4915112345601", "hello");
        f.sender().processBatch();
        Thread.sleep(300); // the sandbox delivers 60 ms after accepting
        ReconcileViewModel vm = vm();
        vm.from.set(today.minusDays(6));
        vm.to.set(today);

        vm.reconcile();

        assertThat(vm.error.get()).isEmpty();
        assertThat(vm.loading.get()).isFalse();
        assertThat(vm.rows).hasSize(7);
        assertThat(vm.summary.get()).isEqualTo("1 of 7 number-days differ, 1 by more than 1 % (ours from the counters).");
        vm.onlyDifferences.set(true);
        assertThat(vm.rows).singleElement().satisfies(r -> {
            assertThat(r.day()).isEqualTo(today);
            assertThat(r.ourSent()).isEqualTo(1);
            assertThat(r.metaSent()).isEqualTo(1);
            assertThat(r.ourDelivered()).isZero();
            assertThat(r.metaDelivered()).isEqualTo(1);
            assertThat(r.flagged()).isTrue();
            assertThat(r.reason()).contains("never reached Switchboard");
        });
        assertThat(vm.table().csv()).contains("delivered_diff").contains(",1,1,0,0,1,-1,yes,");
        vm.onlyDifferences.set(false);
        assertThat(vm.rows).hasSize(7);
    }

    @Test
    void aRangeEndingBeforeItStartsIsNamedAndNothingIsAsked() {
        ReconcileViewModel vm = vm();
        vm.from.set(today);
        vm.to.set(today.minusDays(3));
        int before = f.sandbox.requestCount();

        vm.reconcile();

        assertThat(vm.error.get()).startsWith("to: must not be before from");
        assertThat(vm.rows).isEmpty();
        assertThat(f.sandbox.requestCount()).isEqualTo(before);
        assertThat(vm.loading.get()).isFalse();
    }
}

package io.switchboard.ui.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The WhatsApp dialog's own checks, made before anything is asked or stored. */
class WhatsAppConnectionViewModelTest {
    private final TenantView acme = new TenantView(UUID.randomUUID(), "Acme", TenantStatus.ACTIVE, Instant.now(), null);
    private final WhatsAppConnectionViewModel vm = new WhatsAppConnectionViewModel(null, null, new InboxSession(new ImmediateExecutor(), Instant::now),
            acme, () -> { });

    @Test
    void testingWithoutAPhoneNumberIdSaysWhichFieldIsMissing() {
        vm.phoneNumberIdProperty().set("   ");
        vm.test();
        assertThat(vm.resultProperty().get()).isEqualTo("phone_number_id: fill it in (or pick a connected number) to test it");
        assertThat(vm.resultOkProperty().get()).isFalse();
        assertThat(vm.testingProperty().get()).isFalse();
    }

    @Test
    void aRateThatIsNotAWholeNumberIsRefusedBeforeSaving() {
        vm.rateProperty().set("fast");
        vm.save();
        assertThat(vm.resultProperty().get()).isEqualTo("rate: must be a whole number of messages per second");
        assertThat(vm.savingProperty().get()).isFalse();
    }

    @Test
    void anEmptyRateMeansTheDefault() {
        assertThat(WhatsAppConnectionViewModel.rate(" ")).isNull();
        assertThat(WhatsAppConnectionViewModel.rate(" 25 ")).isEqualTo(25);
        assertThatThrownBy(() -> WhatsAppConnectionViewModel.rate("2.5")).isInstanceOf(ValidationException.class);
    }

    @Test
    void aTitleNamesTheTenant() {
        assertThat(vm.title()).isEqualTo("WhatsApp connection — Acme");
    }
}

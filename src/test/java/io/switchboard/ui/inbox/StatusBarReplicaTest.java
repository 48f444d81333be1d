package io.switchboard.ui.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ui.common.ImmediateExecutor;
import io.switchboard.ui.common.InboxSession;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The status bar follows the read replica's note (ReadRouting's last check) at each refresh, and says nothing without one. */
class StatusBarReplicaTest {
    @Test
    void theReplicaNoteFollowsTheConnectionAndGoesWhenAllIsWell() {
        AtomicReference<Optional<String>> note = new AtomicReference<>(Optional.of("Replica 12 s behind the primary"));
        StatusBarViewModel vm = new StatusBarViewModel(null, null, new InboxSession(new ImmediateExecutor(), Instant::now), note::get);
        assertThat(vm.replicaProperty().get()).isEmpty();

        vm.refreshBacklog();
        assertThat(vm.replicaProperty().get()).isEqualTo(" · Replica 12 s behind the primary");

        note.set(Optional.empty());
        vm.refreshBacklog();
        assertThat(vm.replicaProperty().get()).isEmpty();
        assertThat(new StatusBarViewModel(null, null, new InboxSession(new ImmediateExecutor(), Instant::now)).replicaProperty().get()).isEmpty();
    }
}

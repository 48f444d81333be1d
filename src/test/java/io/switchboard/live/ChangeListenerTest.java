package io.switchboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.db.Notifications;
import io.switchboard.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChangeListenerTest {

    @Test
    void hearsCommittedChangesAndComesBackByItselfAfterItsConnectionIsKilled() throws Exception {
        try (Database db = TestDatabase.open()) {
            LinkedBlockingQueue<Change> heard = new LinkedBlockingQueue<>();
            List<String> states = new CopyOnWriteArrayList<>();
            LinkedBlockingQueue<Boolean> reconnects = new LinkedBlockingQueue<>();
            ChangeListener.Events events = new ChangeListener.Events() {
                @Override
                public void changed(List<Change> changes) {
                    heard.addAll(changes);
                }

                @Override
                public void connection(boolean connected, boolean afterLoss, String detail) {
                    states.add(connected + "/" + afterLoss);
                    if (connected) {
                        reconnects.add(afterLoss);
                    }
                }
            };
            try (ChangeListener listener = new ChangeListener(db.target(), events).start()) {
                assertThat(reconnects.poll(10, TimeUnit.SECONDS)).isFalse();
                UUID tenant = UUID.randomUUID();
                db.inJdbcTransaction(c -> {
                    Notifications.announce(c, tenant, Notifications.Kind.MESSAGES);
                    return null;
                });
                assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo(new Change(Optional.of(tenant), Notifications.Kind.MESSAGES));

                db.inJdbcTransaction(c -> c.createStatement().execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'switchboard-listener'"));
                assertThat(reconnects.poll(15, TimeUnit.SECONDS)).as("reconnected after a loss: " + states).isTrue();
                assertThat(states).contains("false/false");
                db.inJdbcTransaction(c -> {
                    Notifications.announce(c, null, Notifications.Kind.TENANTS);
                    return null;
                });
                Change all = heard.poll(5, TimeUnit.SECONDS);
                assertThat(all).isEqualTo(new Change(Optional.empty(), Notifications.Kind.TENANTS));
                assertThat(all.concerns(UUID.randomUUID())).isTrue();
            }
        }
    }
}

package io.switchboard.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.delivery.OutboxSender;
import io.switchboard.delivery.OutboxService;
import io.switchboard.testing.InboxFixtures;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A private note never reaches WhatsApp: the sender, talking real HTTP to the sandbox, sends replies and nothing else. */
class NotesNeverSentTest {

    @Test
    void notesStayInTheDatabaseWhileRepliesGoOut() {
        try (OutboundFixture f = new OutboundFixture()) {
            InboxFixtures fx = new InboxFixtures(f.db);
            UUID cv = fx.customerWrites(f.tenantId, "+4915100000001", "Anna Berg", "Where is my parcel?");
            TeamServices team = new TeamServices(f.db, "Pat Owner");
            team.agents().me(f.tenantId);
            team.notes().add(f.tenantId, cv, "Private: courier lost it, refund after 3 days");
            team.notes().add(f.tenantId, cv, "@" + f.db.target().user() + " reminder to self");
            OutboxSender sender = f.sender();
            sender.processBatch();
            assertThat(f.sandbox.requestCount()).as("notes alone: not one request at the Cloud API").isZero();

            new OutboxService(f.db).queue(f.tenantId, cv, OutboundContent.text("It is on its way."));
            sender.processBatch();
            assertThat(f.sandbox.requestCount()).isEqualTo(1);
            assertThat(f.sandbox.requests().get(0).body().toString()).contains("It is on its way.").doesNotContain("courier").doesNotContain("reminder");
            sender.processBatch();
            assertThat(f.sandbox.requestCount()).isEqualTo(1);
        }
    }
}

package io.switchboard.ui.thread;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may send what from the composer: the 24-hour window and the archive. */
class ComposerStateTest {
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    static ConversationSummary conversation(ConversationStatus status, Instant lastInbound) {
        return new ConversationSummary(UUID.randomUUID(), UUID.randomUUID(), "Anna Berg", "+4915100000001", "whatsapp", status,
                lastInbound, null, lastInbound, null, null, null, null, null, 0, null, null);
    }

    @Test
    void withinTwentyFourHoursOfTheCustomersLastMessageFreeTextAndTemplatesMayBeSent() {
        ComposerState s = ComposerState.of(conversation(ConversationStatus.OPEN, NOW.minus(Duration.ofHours(23).plusMinutes(59))), NOW);
        assertThat(s.freeText()).isTrue();
        assertThat(s.template()).isTrue();
        assertThat(s.notice()).isEmpty();
        assertThat(s.prompt()).startsWith("Type a reply");
    }

    @Test
    void afterTwentyFourHoursOnlyATemplateAndTheNoticeSaysWhy() {
        ComposerState s = ComposerState.of(conversation(ConversationStatus.OPEN, NOW.minus(Duration.ofHours(24).plusSeconds(1))), NOW);
        assertThat(s.freeText()).isFalse();
        assertThat(s.template()).isTrue();
        assertThat(s.notice()).contains("more than 24 hours ago").contains("approved template");
        assertThat(s.prompt()).isEqualTo("Only a template can be sent now");
    }

    @Test
    void aCustomerWhoNeverWroteGetsOnlyATemplate() {
        ComposerState s = ComposerState.of(conversation(ConversationStatus.OPEN, null), NOW);
        assertThat(s.freeText()).isFalse();
        assertThat(s.template()).isTrue();
        assertThat(s.notice()).contains("never written");
    }

    @Test
    void anArchivedConversationTakesNothingEvenInsideTheWindow() {
        ComposerState s = ComposerState.of(conversation(ConversationStatus.ARCHIVED, NOW.minusSeconds(60)), NOW);
        assertThat(s.freeText()).isFalse();
        assertThat(s.template()).isFalse();
        assertThat(s.notice()).contains("archived").contains("Reopen");
        assertThat(s.prompt()).isEqualTo("Archived");
    }

    @Test
    void aClosedConversationInsideTheWindowStillTakesFreeText() {
        assertThat(ComposerState.of(conversation(ConversationStatus.CLOSED, NOW.minusSeconds(60)), NOW).freeText()).isTrue();
    }
}

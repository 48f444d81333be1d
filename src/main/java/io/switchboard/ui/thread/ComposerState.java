package io.switchboard.ui.thread;

import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import java.time.Instant;

/**
 * What the composer allows for a conversation at a moment, and how it says so. WhatsApp accepts
 * free text only within 24 hours of the customer's last message; an archived conversation takes
 * nothing until it is reopened. The sender refuses the same things; this is the agent hearing it
 * before typing.
 *
 * @param freeText text and attachments may be sent
 * @param template an approved template may be sent
 * @param notice why free text is off (empty when it is on)
 * @param prompt the composer's placeholder
 */
public record ComposerState(boolean freeText, boolean template, String notice, String prompt) {
    static final String OPEN_PROMPT = "Type a reply — Enter sends, Shift+Enter adds a line";

    public static ComposerState of(ConversationSummary c, Instant now) {
        if (c.status() == ConversationStatus.ARCHIVED) {
            return new ComposerState(false, false, "This conversation is archived. Reopen it in the contact panel to reply.", "Archived");
        }
        if (c.windowLeft(now).isEmpty()) {
            return new ComposerState(false, true, c.lastInboundAt() == null
                    ? "Free text is off: this customer has never written to you, so WhatsApp only allows an approved template."
                    : "Free text is off: the customer last wrote more than 24 hours ago, so WhatsApp only allows an approved template until they write again.",
                    "Only a template can be sent now");
        }
        return new ComposerState(true, true, "", OPEN_PROMPT);
    }
}

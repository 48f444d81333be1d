package io.switchboard.message;

import io.switchboard.db.CodedEnum;

/**
 * A message's delivery state. It only moves forward: queued &lt; sent &lt; delivered &lt; read;
 * failed beats queued and sent but never delivered or read, and a delivered or read that
 * arrives after failed wins. Ranking failed between sent and delivered encodes exactly that.
 */
public enum MessageStatus implements CodedEnum {
    QUEUED("queued", 0), SENT("sent", 1), FAILED("failed", 2), DELIVERED("delivered", 3), READ("read", 4);

    private final String code;
    private final int rank;

    MessageStatus(String code, int rank) {
        this.code = code;
        this.rank = rank;
    }

    @Override
    public String code() {
        return code;
    }

    /** The status after {@code event} arrives, whatever order events come in. */
    public MessageStatus advance(MessageStatus event) {
        return event.rank > rank ? event : this;
    }

    /** The SQL CASE expression ranking a status column the same way, for set-based updates. */
    public static String sqlRank(String column) {
        return "(CASE " + column + " WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'failed' THEN 2 WHEN 'delivered' THEN 3 WHEN 'read' THEN 4 END)";
    }

    public static MessageStatus fromCode(String code) {
        return CodedEnum.fromCode(MessageStatus.class, code);
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends CodedEnum.Converter<MessageStatus> {
        public Converter() {
            super(MessageStatus.class);
        }
    }
}

package io.switchboard.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;

/** One row of message_statuses: a distinct status a message reached, appended once. */
@Entity
@Table(name = "message_statuses")
public class StatusRecord {
    @Id
    @GeneratedValue
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(name = "message_id", nullable = false)
    private UUID messageId;

    @Column(length = 20)
    private String phone;

    @Column(nullable = false, length = 20)
    private MessageStatus status;

    @Column(length = 120)
    private String wamid;

    @Column(name = "occurred_at")
    private LocalDateTime occurredAt;

    @Column(columnDefinition = "text")
    private String error;

    @Column(name = "error_code", length = 50)
    private String errorCode;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    @Column(name = "updated_at")
    private LocalDateTime updatedAt;

    protected StatusRecord() {
    }

    public StatusRecord(UUID tenantId, UUID messageId, MessageStatus status, LocalDateTime occurredAt, LocalDateTime now) {
        this.tenantId = tenantId;
        this.messageId = messageId;
        this.status = status;
        this.occurredAt = occurredAt;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getMessageId() { return messageId; }
    public MessageStatus getStatus() { return status; }
    public LocalDateTime getOccurredAt() { return occurredAt; }
    public String getErrorCode() { return errorCode; }
    public String getError() { return error; }
    public String getWamid() { return wamid; }
    public String getPhone() { return phone; }
}

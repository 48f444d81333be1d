package io.switchboard.channel;

import io.switchboard.tenant.Tenant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A webhook body as received. The receiver writes these with plain JDBC; this mapping serves reads and admin views. */
@Entity
@Table(name = "webhook_events")
public class WebhookEvent {
    @Id
    @GeneratedValue
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "tenant_id")
    private Tenant tenant;

    @Column(name = "event_type", nullable = false, length = 50)
    private String eventType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    private String payload;

    @Column(length = 20)
    private WebhookEventStatus status = WebhookEventStatus.UNPROCESSED;

    @Column(name = "processing_error", columnDefinition = "text")
    private String processingError;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private LocalDateTime nextAttemptAt;

    @Column(name = "processed_at")
    private LocalDateTime processedAt;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    protected WebhookEvent() {
    }

    public WebhookEvent(String eventType, String payload, LocalDateTime now) {
        this.eventType = eventType;
        this.payload = payload;
        this.createdAt = now;
    }

    public UUID getId() { return id; }
    public Tenant getTenant() { return tenant; }
    public String getEventType() { return eventType; }
    public String getPayload() { return payload; }
    public WebhookEventStatus getStatus() { return status; }
    public String getProcessingError() { return processingError; }
    public int getAttempts() { return attempts; }
    public LocalDateTime getProcessedAt() { return processedAt; }
    public LocalDateTime getCreatedAt() { return createdAt; }
}

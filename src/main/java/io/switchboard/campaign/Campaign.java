package io.switchboard.campaign;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A bulk send. Its counters are derived from its messages' statuses, never kept by hand. */
@Entity
@Table(name = "campaigns")
public class Campaign {
    @Id
    @GeneratedValue
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(columnDefinition = "text")
    private String description;

    @Column(nullable = false, columnDefinition = "text")
    private String message;

    @Column(name = "template_id")
    private UUID templateId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] recipients;

    @Column(name = "sent_count")
    private Integer sentCount = 0;
    @Column(name = "delivered_count")
    private Integer deliveredCount = 0;
    @Column(name = "read_count")
    private Integer readCount = 0;
    @Column(name = "failed_count")
    private Integer failedCount = 0;

    @Column(length = 20)
    private CampaignStatus status = CampaignStatus.DRAFT;

    @Column(name = "scheduled_at")
    private LocalDateTime scheduledAt;
    @Column(name = "started_at")
    private LocalDateTime startedAt;
    @Column(name = "completed_at")
    private LocalDateTime completedAt;
    @Column(name = "created_at")
    private LocalDateTime createdAt;
    @Column(name = "updated_at")
    private LocalDateTime updatedAt;

    protected Campaign() {
    }

    public Campaign(UUID tenantId, String name, String message, String[] recipients, LocalDateTime now) {
        this.tenantId = tenantId;
        this.name = name;
        this.message = message;
        this.recipients = recipients;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getTenantId() { return tenantId; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getMessage() { return message; }
    public String[] getRecipients() { return recipients; }
    public CampaignStatus getStatus() { return status; }
    public void setStatus(CampaignStatus status) { this.status = status; }
    public LocalDateTime getScheduledAt() { return scheduledAt; }
}

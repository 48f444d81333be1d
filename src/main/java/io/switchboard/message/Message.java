package io.switchboard.message;

import io.switchboard.channel.Channel;
import io.switchboard.contact.Contact;
import io.switchboard.conversation.Conversation;
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
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "messages")
public class Message {
    @Id
    @GeneratedValue
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tenant_id", nullable = false)
    private Tenant tenant;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "conversation_id", nullable = false)
    private Conversation conversation;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false)
    private Contact contact;

    @Column(length = 30)
    private Channel channel = Channel.WHATSAPP;

    @Column(nullable = false, length = 10)
    private Direction direction;

    @Column(nullable = false, length = 20)
    private MessageType type;

    @Column(name = "content_type", length = 30)
    private String contentType;

    @Column(columnDefinition = "text")
    private String content;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private Map<String, Object> metadata;

    @Column(name = "external_message_id", length = 120)
    private String externalMessageId;

    @Column(length = 20)
    private MessageStatus status = MessageStatus.QUEUED;

    @Column(name = "sent_at")
    private LocalDateTime sentAt;
    @Column(name = "delivered_at")
    private LocalDateTime deliveredAt;
    @Column(name = "read_at")
    private LocalDateTime readAt;
    @Column(name = "failed_at")
    private LocalDateTime failedAt;
    @Column(name = "created_at")
    private LocalDateTime createdAt;
    @Column(name = "updated_at")
    private LocalDateTime updatedAt;

    @Column(name = "campaign_id")
    private UUID campaignId;
    @Column(name = "error_code", length = 50)
    private String errorCode;
    @Column(name = "error_title", columnDefinition = "text")
    private String errorTitle;
    @Column(name = "error_detail", columnDefinition = "text")
    private String errorDetail;
    @Column(name = "send_attempts", nullable = false)
    private int sendAttempts;
    @Column(name = "next_attempt_at")
    private LocalDateTime nextAttemptAt;

    protected Message() {
    }

    public Message(Conversation conversation, Direction direction, MessageType type, String content, LocalDateTime now) {
        this.tenant = conversation.getTenant();
        this.conversation = conversation;
        this.contact = conversation.getContact();
        this.channel = conversation.getChannel();
        this.direction = direction;
        this.type = type;
        this.content = content;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public Tenant getTenant() { return tenant; }
    public Conversation getConversation() { return conversation; }
    public Contact getContact() { return contact; }
    public Channel getChannel() { return channel; }
    public Direction getDirection() { return direction; }
    public MessageType getType() { return type; }
    public String getContentType() { return contentType; }
    public void setContentType(String contentType) { this.contentType = contentType; }
    public String getContent() { return content; }
    public Map<String, Object> getMetadata() { return metadata; }
    public void setMetadata(Map<String, Object> metadata) { this.metadata = metadata; }
    public String getExternalMessageId() { return externalMessageId; }
    public void setExternalMessageId(String id) { this.externalMessageId = id; }
    public MessageStatus getStatus() { return status; }
    public void setStatus(MessageStatus status) { this.status = status; }
    public LocalDateTime getSentAt() { return sentAt; }
    public LocalDateTime getDeliveredAt() { return deliveredAt; }
    public LocalDateTime getReadAt() { return readAt; }
    public LocalDateTime getFailedAt() { return failedAt; }
    public LocalDateTime getCreatedAt() { return createdAt; }
    public UUID getCampaignId() { return campaignId; }
    public void setCampaignId(UUID campaignId) { this.campaignId = campaignId; }
    public String getErrorCode() { return errorCode; }
    public String getErrorTitle() { return errorTitle; }
    public String getErrorDetail() { return errorDetail; }
    public int getSendAttempts() { return sendAttempts; }
    public LocalDateTime getNextAttemptAt() { return nextAttemptAt; }
}

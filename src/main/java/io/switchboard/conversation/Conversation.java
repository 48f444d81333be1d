package io.switchboard.conversation;

import io.switchboard.channel.Channel;
import io.switchboard.contact.Contact;
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

@Entity
@Table(name = "conversations")
public class Conversation {
    @Id
    @GeneratedValue
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tenant_id", nullable = false)
    private Tenant tenant;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false)
    private Contact contact;

    @Column(length = 30)
    private Channel channel = Channel.WHATSAPP;

    @Column(name = "last_message_at")
    private LocalDateTime lastMessageAt;

    @Column(length = 20)
    private ConversationStatus status = ConversationStatus.OPEN;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    @Column(name = "last_read_at")
    private LocalDateTime lastReadAt;

    @Column(name = "updated_at")
    private LocalDateTime updatedAt;

    protected Conversation() {
    }

    public Conversation(Tenant tenant, Contact contact, Channel channel, LocalDateTime now) {
        this.tenant = tenant;
        this.contact = contact;
        this.channel = channel;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public Tenant getTenant() { return tenant; }
    public Contact getContact() { return contact; }
    public Channel getChannel() { return channel; }
    public LocalDateTime getLastMessageAt() { return lastMessageAt; }
    public void setLastMessageAt(LocalDateTime at) { this.lastMessageAt = at; }
    public ConversationStatus getStatus() { return status; }
    public void setStatus(ConversationStatus status) { this.status = status; }
    public LocalDateTime getCreatedAt() { return createdAt; }
    public LocalDateTime getLastReadAt() { return lastReadAt; }
    public void setLastReadAt(LocalDateTime at) { this.lastReadAt = at; }
    public void touch(LocalDateTime now) { this.updatedAt = now; }
}

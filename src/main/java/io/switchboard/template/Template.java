package io.switchboard.template;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A WhatsApp message template; its body holds {{1}}, {{2}}… placeholders. */
@Entity
@Table(name = "templates")
public class Template {
    @Id
    @GeneratedValue
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 15)
    private String language;

    @Column(nullable = false, columnDefinition = "text")
    private String body;

    @Column(name = "header_text", columnDefinition = "varchar")
    private String headerText;

    @Column(name = "footer_text", columnDefinition = "varchar")
    private String footerText;

    @Column(length = 20)
    private TemplateCategory category = TemplateCategory.TEXT;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] parameters;

    @Column(length = 20)
    private TemplateStatus status = TemplateStatus.PENDING;

    @Column(name = "rejection_reason", columnDefinition = "text")
    private String rejectionReason;

    @Column(name = "created_at")
    private LocalDateTime createdAt;

    @Column(name = "updated_at")
    private LocalDateTime updatedAt;

    protected Template() {
    }

    public Template(UUID tenantId, String name, String language, String body, LocalDateTime now) {
        this.tenantId = tenantId;
        this.name = name;
        this.language = language;
        this.body = body;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public UUID getTenantId() { return tenantId; }
    public String getName() { return name; }
    public String getLanguage() { return language; }
    public String getBody() { return body; }
    public String getHeaderText() { return headerText; }
    public void setHeaderText(String headerText) { this.headerText = headerText; }
    public String getFooterText() { return footerText; }
    public void setFooterText(String footerText) { this.footerText = footerText; }
    public TemplateCategory getCategory() { return category; }
    public void setCategory(TemplateCategory category) { this.category = category; }
    public String[] getParameters() { return parameters; }
    public void setParameters(String[] parameters) { this.parameters = parameters; }
    public TemplateStatus getStatus() { return status; }
    public void setStatus(TemplateStatus status) { this.status = status; }
    public String getRejectionReason() { return rejectionReason; }
}

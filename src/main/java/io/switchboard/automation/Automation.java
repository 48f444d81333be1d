package io.switchboard.automation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "automations")
public class Automation {
    @Id
    @GeneratedValue
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(columnDefinition = "text")
    private String description;

    @Column(name = "trigger_type", nullable = false, length = 50)
    private TriggerType triggerType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "trigger_config", nullable = false, columnDefinition = "jsonb")
    private Map<String, Object> triggerConfig;

    @Column(name = "action_type", nullable = false, length = 50)
    private ActionType actionType;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "action_config", nullable = false, columnDefinition = "jsonb")
    private Map<String, Object> actionConfig;

    @Column(length = 20)
    private AutomationStatus status = AutomationStatus.ACTIVE;

    @Column(name = "execution_count")
    private Integer executionCount = 0;
    @Column(name = "success_count")
    private Integer successCount = 0;
    @Column(name = "failure_count")
    private Integer failureCount = 0;
    @Column(name = "last_triggered_at")
    private LocalDateTime lastTriggeredAt;
    @Column(name = "created_at")
    private LocalDateTime createdAt;
    @Column(name = "updated_at")
    private LocalDateTime updatedAt;

    protected Automation() {
    }

    public Automation(UUID tenantId, String name, TriggerType triggerType, Map<String, Object> triggerConfig,
                      ActionType actionType, Map<String, Object> actionConfig, LocalDateTime now) {
        this.tenantId = tenantId;
        this.name = name;
        this.triggerType = triggerType;
        this.triggerConfig = triggerConfig;
        this.actionType = actionType;
        this.actionConfig = actionConfig;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public TriggerType getTriggerType() { return triggerType; }
    public Map<String, Object> getTriggerConfig() { return triggerConfig; }
    public ActionType getActionType() { return actionType; }
    public Map<String, Object> getActionConfig() { return actionConfig; }
    public AutomationStatus getStatus() { return status; }
}

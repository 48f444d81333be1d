package io.switchboard.ui.palette;

import io.switchboard.automation.AutomationView;
import io.switchboard.conversation.ConversationStatus;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.tenant.TenantView;
import java.util.List;
import java.util.UUID;

/**
 * What decides which commands the palette lists and which of them can run: the signed-in agent's role in the chosen
 * tenant, who they are, the chosen tenant, the open conversation (null: none), the tenant's active manual
 * automations and the tenants one can switch to.
 */
public record PaletteContext(Role role, UUID me, TenantView tenant, ConversationSummary open, List<AutomationView> manualAutomations,
                             List<TenantView> tenants) {

    public PaletteContext {
        role = role == null ? Role.AGENT : role;
        manualAutomations = List.copyOf(manualAutomations);
        tenants = List.copyOf(tenants);
    }

    /** The database's roles (team-access-01), weakest first; an unknown or missing role is the weakest. */
    public enum Role {
        AGENT, SUPERVISOR, ADMIN;

        public static Role of(String code) {
            if ("admin".equals(code)) {
                return ADMIN;
            }
            return "supervisor".equals(code) ? SUPERVISOR : AGENT;
        }

        boolean atLeast(Role other) {
            return compareTo(other) >= 0;
        }
    }

    boolean openIsMine() {
        return open != null && open.assignedAgentId() != null && open.assignedAgentId().equals(me);
    }

    boolean openIsOpen() {
        return open != null && open.status() == ConversationStatus.OPEN;
    }
}

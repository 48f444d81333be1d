package io.switchboard.campaign;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the wizard or {@code campaign create} asks for. {@code variables} fill the template's header text variable
 * (if it has one) and then its body variables {{1}}..{{n}}, in that order. {@code scheduledAt} null: a draft started
 * by hand; otherwise it starts by itself then. {@code capPerMinute} null: only the number's own rate applies.
 */
public record CampaignDraft(UUID tenantId, String name, String description, String templateName, String language, List<VariableSource> variables,
                            Audience audience, Instant scheduledAt, Integer capPerMinute) {
    public CampaignDraft {
        variables = variables == null ? List.of() : List.copyOf(variables);
    }

    public CampaignDraft withAudience(Audience a) {
        return new CampaignDraft(tenantId, name, description, templateName, language, variables, a, scheduledAt, capPerMinute);
    }

    public CampaignDraft withName(String n) {
        return new CampaignDraft(tenantId, n, description, templateName, language, variables, audience, scheduledAt, capPerMinute);
    }
}

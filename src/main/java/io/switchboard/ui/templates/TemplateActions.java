package io.switchboard.ui.templates;

import io.switchboard.template.TemplateDraft;
import io.switchboard.template.TemplateRow;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateSubmission;
import io.switchboard.template.TemplateSync;
import java.util.List;
import java.util.UUID;

/**
 * What the Templates screen asks of the services: the tenant's templates from the database, and the
 * operations that reach Meta (sync, submit, edit, delete). Each call blocks; view models run them on a background
 * executor, never on the FX thread.
 */
public interface TemplateActions {
    List<TemplateRow> list(UUID tenantId, String search, String status);

    void setAgentVisible(UUID tenantId, UUID templateId, boolean visible);

    TemplateDraft draftOf(UUID tenantId, UUID templateId);

    String sync(UUID tenantId);

    TemplateRow submit(UUID tenantId, TemplateDraft draft);

    int delete(UUID tenantId, String name);

    /** Edits an approved, rejected or paused template at Meta (same name and language); it goes back to review. */
    TemplateRow edit(UUID tenantId, TemplateDraft draft);

    /** The real services: the database and Meta (or the sandbox). */
    static TemplateActions of(TemplateService templates, TemplateSync sync, TemplateSubmission submission) {
        return new TemplateActions() {
            @Override
            public List<TemplateRow> list(UUID tenantId, String search, String status) {
                return templates.list(tenantId, search, status);
            }

            @Override
            public void setAgentVisible(UUID tenantId, UUID templateId, boolean visible) {
                templates.setAgentVisible(tenantId, templateId, visible);
            }

            @Override
            public TemplateDraft draftOf(UUID tenantId, UUID templateId) {
                return templates.draftOf(templates.get(tenantId, templateId)
                        .orElseThrow(() -> new io.switchboard.common.ValidationException("template", "it no longer exists")));
            }

            @Override
            public String sync(UUID tenantId) {
                return sync.sync(tenantId).summary();
            }

            @Override
            public TemplateRow submit(UUID tenantId, TemplateDraft draft) {
                return submission.submit(tenantId, draft);
            }

            @Override
            public TemplateRow edit(UUID tenantId, TemplateDraft draft) {
                return submission.edit(tenantId, draft);
            }

            @Override
            public int delete(UUID tenantId, String name) {
                return submission.delete(tenantId, name);
            }
        };
    }
}

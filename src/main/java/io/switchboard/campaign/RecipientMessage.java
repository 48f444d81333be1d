package io.switchboard.campaign;

import io.switchboard.delivery.OutboundContent;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import java.util.List;

/** A recipient's message: the template with their values (header variable first, then body {{1}}..{{n}}). */
final class RecipientMessage {
    private RecipientMessage() {
    }

    /** How many header values the template takes: its highest {{n}} (Meta numbers them without gaps). */
    static int headerValues(TemplateView template) {
        List<Integer> p = template.headerPlaceholders();
        return p.isEmpty() ? 0 : p.get(p.size() - 1);
    }

    static int bodyValues(TemplateView template) {
        List<Integer> p = template.bodyPlaceholders();
        return p.isEmpty() ? 0 : p.get(p.size() - 1);
    }

    static String preview(TemplateView template, List<String> values) {
        int header = headerValues(template);
        return TemplateService.preview(template, values.subList(0, Math.min(header, values.size())), values.subList(Math.min(header, values.size()), values.size()));
    }

    static OutboundContent content(TemplateView template, List<String> values) {
        int header = headerValues(template);
        return TemplateService.content(template, values.subList(0, header), values.subList(header, values.size()));
    }
}

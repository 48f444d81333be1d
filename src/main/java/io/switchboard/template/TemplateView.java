package io.switchboard.template;

import java.util.List;
import java.util.UUID;

/** An approved template as the composer shows it; {@code bodyPlaceholders} are the n of each {{n}}, ascending. */
public record TemplateView(UUID id, String name, String language, String category, String headerText, String body, String footerText,
                           List<Integer> headerPlaceholders, List<Integer> bodyPlaceholders) {
    public String label() {
        return name + " (" + language + ")";
    }
}

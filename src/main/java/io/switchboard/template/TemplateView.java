package io.switchboard.template;

import java.util.List;
import java.util.UUID;

/**
 * A template as the composer shows it; {@code bodyPlaceholders} are the n of each {{n}}, ascending.
 * {@code headerFormat} is null (no header), TEXT, IMAGE, VIDEO or DOCUMENT; {@code buttons} are the template's
 * buttons, those that take a parameter (URL with {{1}}, copy code) needing a value when sending.
 */
public record TemplateView(UUID id, String name, String language, String category, String headerText, String body, String footerText,
                           List<Integer> headerPlaceholders, List<Integer> bodyPlaceholders, String headerFormat, List<TemplateLayout.Button> buttons) {

    public TemplateView {
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** A text-only template (no media header, no buttons). */
    public TemplateView(UUID id, String name, String language, String category, String headerText, String body, String footerText,
                        List<Integer> headerPlaceholders, List<Integer> bodyPlaceholders) {
        this(id, name, language, category, headerText, body, footerText, headerPlaceholders, bodyPlaceholders,
                headerText == null ? null : "TEXT", List.of());
    }

    public String label() {
        return name + " (" + language + ")";
    }

    /** IMAGE, VIDEO or DOCUMENT header: a link or media id must be given when sending. */
    public boolean mediaHeader() {
        return headerFormat != null && List.of("IMAGE", "VIDEO", "DOCUMENT").contains(headerFormat);
    }

    /** The buttons that take a value when sending, in index order. */
    public List<TemplateLayout.Button> parameterButtons() {
        return buttons.stream().filter(TemplateLayout.Button::takesParameter).toList();
    }
}

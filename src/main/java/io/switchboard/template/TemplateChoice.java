package io.switchboard.template;

/** A template in the composer's picker: usable ones can be sent; the others are shown disabled with the reason. */
public record TemplateChoice(TemplateView template, boolean usable, String reason) {
}

package io.switchboard.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One template as Meta's GET /{waba_id}/message_templates returns it: the fields the app keeps, with the
 * components JSON verbatim.
 */
public record MetaTemplate(String id, String name, String language, String status, String category, String componentsJson,
                           String rejectedReason, String qualityScore, TemplateLayout layout) {

    /** Reads {@code data[i]}; a missing or mistyped field raises MetaApiException naming its JSON path. */
    static MetaTemplate read(JsonNode t, String path) {
        if (t == null || !t.isObject()) {
            throw new MetaApiException(path + ": expected a template object");
        }
        String id = scalar(t, "id", path, true);
        String name = scalar(t, "name", path, true);
        String language = scalar(t, "language", path, true);
        String status = scalar(t, "status", path, true);
        String category = scalar(t, "category", path, false);
        JsonNode components = t.get("components");
        if (components != null && !components.isNull() && !components.isArray()) {
            throw new MetaApiException(path + ".components: expected an array");
        }
        if (name.length() > 100) {
            // the guide's templates.name is VARCHAR(100): refuse rather than cut a name Meta will be sent back
            throw new MetaApiException(path + ".name: \"" + name.substring(0, 40) + "…\" is longer than the 100 characters Switchboard stores");
        }
        if (language.length() > 15) {
            throw new MetaApiException(path + ".language: \"" + language + "\" is longer than 15 characters");
        }
        String reason = scalar(t, "rejected_reason", path, false);
        if (reason != null && (reason.isBlank() || reason.equals("NONE"))) {
            reason = null;
        }
        JsonNode quality = t.get("quality_score");
        String score = null;
        if (quality != null && quality.isObject()) {
            score = quality.path("score").isTextual() ? quality.get("score").asText() : null;
        } else if (quality != null && quality.isTextual()) {
            score = quality.asText();
        }
        String componentsJson = components == null || components.isNull() ? "[]" : components.toString();
        return new MetaTemplate(id, name, language, MetaTemplateValues.upper(status), category == null ? null : MetaTemplateValues.upper(category),
                componentsJson, reason, score, TemplateLayout.of(components));
    }

    private static String scalar(JsonNode t, String field, String path, boolean required) {
        JsonNode v = t.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new MetaApiException(path + "." + field + ": missing");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw new MetaApiException(path + "." + field + ": expected a string, got " + v.getNodeType().toString().toLowerCase());
        }
        String s = v.asText();
        if (required && s.isBlank()) {
            throw new MetaApiException(path + "." + field + ": empty");
        }
        return s;
    }

}

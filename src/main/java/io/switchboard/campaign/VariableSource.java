package io.switchboard.campaign;

import io.switchboard.common.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one template variable is filled for each recipient: a contact field (name, phone, external ref, a metadata
 * key) or a constant text, with a fallback used when the field is empty for a contact. A field without a fallback
 * that is empty for some recipient refuses the campaign (the recipient would get a message with a hole in it).
 */
public record VariableSource(Kind kind, String key, String fallback) {

    public enum Kind { NAME, PHONE, EXTERNAL_REF, METADATA, TEXT }

    public VariableSource {
        if (kind == null) {
            throw new ValidationException("variable", "needs a source (a contact field or a text)");
        }
        if ((kind == Kind.METADATA || kind == Kind.TEXT) && (key == null || key.isBlank())) {
            throw new ValidationException("variable", kind == Kind.TEXT ? "a constant text must not be empty" : "a metadata field needs its key");
        }
        fallback = fallback == null || fallback.isBlank() ? null : fallback.strip();
    }

    public static VariableSource field(Kind kind, String fallback) {
        return new VariableSource(kind, null, fallback);
    }

    public static VariableSource metadata(String key, String fallback) {
        return new VariableSource(Kind.METADATA, key.strip(), fallback);
    }

    public static VariableSource text(String text) {
        return new VariableSource(Kind.TEXT, text.strip(), null);
    }

    /**
     * The command line's form: {@code name}, {@code phone}, {@code external_ref} or {@code metadata.KEY}, each optionally
     * followed by {@code |FALLBACK}; anything else is a constant text ({@code text:...} forces text, e.g. {@code text:name}).
     */
    public static VariableSource parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new ValidationException("param", "must not be empty (a field such as name, metadata.city, or a text)");
        }
        if (spec.startsWith("text:")) {
            return text(spec.substring(5));
        }
        int bar = spec.indexOf('|');
        String field = (bar < 0 ? spec : spec.substring(0, bar)).strip();
        String fallback = bar < 0 ? null : spec.substring(bar + 1);
        String lower = field.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "name" -> field(Kind.NAME, fallback);
            case "phone" -> field(Kind.PHONE, fallback);
            case "external_ref", "external-ref" -> field(Kind.EXTERNAL_REF, fallback);
            default -> lower.startsWith("metadata.") && field.length() > 9 ? metadata(field.substring(9), fallback) : text(spec);
        };
    }

    /** The SQL expression (over contacts {@code c}) giving this variable's value, null when empty; its binds go to {@code binds}. */
    String sql(List<Object> binds) {
        String value = switch (kind) {
            case NAME -> "NULLIF(btrim(c.name), '')";
            case PHONE -> "NULLIF(btrim(c.phone), '')";
            case EXTERNAL_REF -> "NULLIF(btrim(c.external_ref), '')";
            case METADATA -> {
                binds.add(key);
                yield "NULLIF(btrim(CASE WHEN jsonb_typeof(c.metadata) = 'object' THEN c.metadata ->> ? END), '')";
            }
            case TEXT -> {
                binds.add(key);
                yield "?::text";
            }
        };
        if (fallback == null) {
            return value;
        }
        binds.add(fallback);
        return "COALESCE(" + value + ", ?::text)";
    }

    /** Says where the value comes from, for messages and the list. */
    public String describe() {
        String source = switch (kind) {
            case NAME -> "contact name";
            case PHONE -> "contact phone";
            case EXTERNAL_REF -> "contact external ref";
            case METADATA -> "metadata " + key;
            case TEXT -> "text \"" + key + "\"";
        };
        return fallback == null ? source : source + " (else \"" + fallback + "\")";
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(Locale.ROOT));
        if (key != null) {
            m.put("key", key);
        }
        if (fallback != null) {
            m.put("fallback", fallback);
        }
        return m;
    }

    static VariableSource fromJson(Map<?, ?> m) {
        return new VariableSource(Kind.valueOf(String.valueOf(m.get("kind")).toUpperCase(Locale.ROOT)), (String) m.get("key"), (String) m.get("fallback"));
    }
}

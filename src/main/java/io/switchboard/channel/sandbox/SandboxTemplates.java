package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.template.TemplateLayout;
import io.switchboard.template.TemplateService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The simulated WhatsApp Business Accounts' message templates: what GET /{waba_id}/message_templates lists
 * (oldest first, paged with opaque cursors), what POST creates (checked like Meta checks a submission) and
 * what DELETE ?name= removes. Thread-safe; every method holds the store's lock briefly.
 */
final class SandboxTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
    private static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");
    private static final AtomicLong IDS = new AtomicLong(1_689_556_908_000_000L);

    /** One template at the simulated Meta. */
    static final class Stored {
        final String id;
        final String name;
        final String language;
        String category;
        String status;
        String rejectedReason;
        String quality = "UNKNOWN";
        JsonNode components;
        /** When each edit of the template was accepted, for Meta's once-a-day and ten-a-month limits. */
        final List<java.time.Instant> edits = new ArrayList<>();

        Stored(String id, String name, String language, String category, String status, JsonNode components) {
            this.id = id;
            this.name = name;
            this.language = language;
            this.category = category;
            this.status = status;
            this.components = components;
        }

        ObjectNode json() {
            ObjectNode t = JSON.createObjectNode();
            t.put("name", name);
            t.set("components", components.deepCopy());
            t.put("language", language);
            t.put("status", status);
            t.put("category", category);
            t.put("id", id);
            if (rejectedReason != null) {
                t.put("rejected_reason", rejectedReason);
            }
            ObjectNode q = t.putObject("quality_score");
            q.put("score", quality);
            q.put("date", System.currentTimeMillis() / 1000);
            return t;
        }

        /** How many parameters a send must give, for the messages endpoint's checks. */
        TemplateShape shape() {
            TemplateLayout layout = TemplateLayout.of(components);
            int header = layout.mediaHeader() ? 1 : TemplateService.placeholders(layout.headerText()).size();
            List<Integer> body = TemplateService.placeholders(layout.body());
            Map<Integer, String> buttons = new LinkedHashMap<>();
            for (TemplateLayout.Button b : layout.buttons()) {
                if (b.takesParameter()) {
                    buttons.put(b.index(), b.type().toLowerCase(Locale.ROOT));
                }
            }
            return new TemplateShape(header, body.isEmpty() ? 0 : body.get(body.size() - 1), layout.mediaHeader() ? layout.headerFormat().toLowerCase(Locale.ROOT) : null,
                    buttons);
        }
    }

    private final Map<String, Map<String, Stored>> byWaba = new LinkedHashMap<>();

    synchronized Stored put(String wabaId, String name, String language, String category, String status, JsonNode components) {
        Stored s = new Stored(String.valueOf(IDS.incrementAndGet()), name, language, category, status, components);
        byWaba.computeIfAbsent(wabaId, k -> new LinkedHashMap<>()).put(name + "|" + language, s);
        return s;
    }

    synchronized Stored byId(String wabaId, String id) {
        return byWaba.getOrDefault(wabaId, Map.of()).values().stream().filter(s -> s.id.equals(id)).findFirst().orElse(null);
    }

    /** The WABA holding template {@code id}, or null. */
    synchronized String wabaOf(String id) {
        return byWaba.entrySet().stream().filter(e -> e.getValue().values().stream().anyMatch(s -> s.id.equals(id)))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    synchronized Stored find(String wabaId, String name, String language) {
        return byWaba.getOrDefault(wabaId, Map.of()).get(name + "|" + language);
    }

    synchronized List<Stored> all(String wabaId) {
        return new ArrayList<>(byWaba.getOrDefault(wabaId, Map.of()).values());
    }

    /** Removes every language of {@code name}; returns what was removed. */
    synchronized List<Stored> delete(String wabaId, String name) {
        List<Stored> removed = new ArrayList<>();
        Map<String, Stored> all = byWaba.getOrDefault(wabaId, Map.of());
        all.values().removeIf(s -> {
            if (s.name.equals(name)) {
                removed.add(s);
                return true;
            }
            return false;
        });
        return removed;
    }

    /** An approved (or flagged, still sendable) template's shape, or null. */
    synchronized TemplateShape approvedShape(String wabaId, String name, String language) {
        Stored s = find(wabaId, name, language);
        return s != null && (s.status.equals("APPROVED") || s.status.equals("FLAGGED")) ? s.shape() : null;
    }

    /** One page of GET /message_templates: {data: [...], paging: {cursors: {before, after}, next?}}. */
    synchronized ObjectNode page(String wabaId, int limit, String after, String requestUrlWithoutAfter) {
        List<Stored> all = all(wabaId);
        int from = after == null ? 0 : decode(after);
        if (from < 0) {
            return null;
        }
        int to = Math.min(all.size(), from + limit);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (int i = from; i < to; i++) {
            data.add(all.get(i).json());
        }
        if (from < to) {
            ObjectNode paging = root.putObject("paging");
            ObjectNode cursors = paging.putObject("cursors");
            cursors.put("before", encode(from));
            cursors.put("after", encode(to));
            if (to < all.size()) {
                paging.put("next", requestUrlWithoutAfter + "&after=" + encode(to));
            }
        }
        return root;
    }

    /** Meta's checks on a submission; null when it is acceptable, else Meta's error JSON. */
    static ObjectNode problem(JsonNode body, SandboxTemplates store, String wabaId) {
        if (body == null || !body.isObject()) {
            return MetaErrors.invalid(100, "Invalid parameter", "The request body must be a JSON object.");
        }
        String name = body.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            return templateError("Invalid parameter", "name must be lowercase letters, digits and underscores (at most 512), not \"" + name + "\".",
                    2388042, "Template name is invalid");
        }
        String language = body.path("language").asText("");
        if (!LANGUAGE.matcher(language).matches()) {
            return templateError("Invalid parameter", "language \"" + language + "\" is not a supported language code.", 2388072, "Invalid language");
        }
        String category = body.path("category").asText("");
        if (!CATEGORIES.contains(category.toUpperCase(Locale.ROOT))) {
            return templateError("Invalid parameter", "category must be MARKETING, UTILITY or AUTHENTICATION.", 2388043, "Invalid category");
        }
        JsonNode components = body.get("components");
        if (components == null || !components.isArray()) {
            return templateError("Invalid parameter", "components must be an array.", 2388040, "Missing components");
        }
        boolean hasBody = false;
        for (JsonNode c : components) {
            String type = c.path("type").asText("").toUpperCase(Locale.ROOT);
            if (type.equals("BODY")) {
                hasBody = true;
                String text = c.path("text").asText("");
                if (text.isBlank() || text.length() > 1024) {
                    return templateError("Invalid parameter", "the body text must have 1 to 1024 characters.", 2388040, "Body too long");
                }
                List<Integer> vars = TemplateService.placeholders(text);
                JsonNode examples = c.path("example").path("body_text").path(0);
                if (!vars.isEmpty() && (!examples.isArray() || examples.size() != vars.size())) {
                    return templateError("Invalid parameter", "the body has " + vars.size() + " variable(s) and needs as many example values in example.body_text.",
                            2388043, "Missing example values");
                }
            }
        }
        if (!hasBody) {
            return templateError("Invalid parameter", "a template needs a BODY component.", 2388040, "Missing body");
        }
        if (store.find(wabaId, name, language) != null) {
            return templateError("Invalid parameter", "There is already " + language + " content for this template. You can create a new template and try again.",
                    2388024, "Content in This Language Already Exists");
        }
        return null;
    }

    private static ObjectNode templateError(String title, String details, int subcode, String userTitle) {
        ObjectNode e = MetaErrors.error("(#100) " + title, "OAuthException", 100, subcode, details);
        ((ObjectNode) e.get("error")).put("is_transient", false);
        ((ObjectNode) e.get("error")).put("error_user_title", userTitle);
        ((ObjectNode) e.get("error")).put("error_user_msg", details);
        return e;
    }

    private static String encode(int index) {
        return Base64.getEncoder().withoutPadding().encodeToString(("sandbox:" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            String s = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Integer.parseInt(s.substring("sandbox:".length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GET /{waba_id}/template_analytics?start=&end=&granularity=DAILY&template_ids=[…]&metric_types=[…] as Meta answers it:
 * {"data": [{"granularity": "DAILY", "product_type": "cloud_api", "data_points": [{template_id, start, end, sent, delivered,
 * read}]}], "paging": {"cursors": {before, after}, "next"}} — one point per template and UTC day (start floored and end
 * rounded up to 00:00 UTC, zeros included), at most 10 template ids, paged by {@code limit} (default 30) and {@code after}.
 * The figures come from the sandbox's ledger of what it accepted, delivered and saw read.
 */
final class SandboxTemplateAnalytics {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_TEMPLATE_IDS = 10;
    private static final Set<String> METRICS = Set.of("SENT", "DELIVERED", "READ", "CLICKED");

    record Reply(int status, JsonNode body) {
    }

    private SandboxTemplateAnalytics() {
    }

    static Reply answer(String wabaId, Map<String, String> params, String authorization, String path, List<SandboxNumber> owners,
                        SandboxTemplates templates, SandboxLedger ledger) {
        if (owners.isEmpty()) {
            return new Reply(400, MetaErrors.error("Unsupported get request. Object with ID '" + wabaId
                    + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", "GraphMethodException", 100, 33, null));
        }
        if (authorization == null || owners.stream().noneMatch(n -> authorization.equals("Bearer " + n.accessToken()))) {
            return new Reply(401, MetaErrors.error("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null, null));
        }
        Long start = epoch(params.get("start"));
        Long end = epoch(params.get("end"));
        if (start == null || end == null) {
            return invalid("start and end are required UNIX timestamps.");
        }
        if (!"DAILY".equalsIgnoreCase(params.getOrDefault("granularity", ""))) {
            return invalid("granularity is required and must be DAILY.");
        }
        long from = Math.floorDiv(start, 86_400) * 86_400;
        long to = Math.floorDiv(end + 86_399, 86_400) * 86_400;
        if (to <= from) {
            return invalid("end must be after start.");
        }
        List<String> ids = list(params.get("template_ids"));
        if (ids.isEmpty()) {
            return invalid("template_ids is required: a list of up to " + MAX_TEMPLATE_IDS + " template ids.");
        }
        if (ids.size() > MAX_TEMPLATE_IDS) {
            return invalid("template_ids may hold at most " + MAX_TEMPLATE_IDS + " template ids.");
        }
        for (String id : ids) {
            if (templates.byId(wabaId, id) == null) {
                return invalid("template_ids: " + id + " is not a template of WhatsApp Business Account " + wabaId + ".");
            }
        }
        Set<String> metrics = new LinkedHashSet<>();
        List<String> asked = list(params.get("metric_types"));
        for (String m : asked.isEmpty() ? List.of("SENT", "DELIVERED", "READ") : asked) {
            String upper = m.toUpperCase(Locale.ROOT);
            if (!METRICS.contains(upper)) {
                return invalid("metric_types must be SENT, DELIVERED, READ or CLICKED, not \"" + m + "\".");
            }
            metrics.add(upper.toLowerCase(Locale.ROOT));
        }
        int limit;
        int offset;
        try {
            limit = Math.max(1, Math.min(100, Integer.parseInt(params.getOrDefault("limit", "30"))));
            offset = params.containsKey("after") ? Integer.parseInt(new String(Base64.getUrlDecoder().decode(params.get("after")), StandardCharsets.UTF_8)) : 0;
        } catch (IllegalArgumentException e) {
            return invalid("limit must be a number and after a cursor from a previous page.");
        }
        List<ObjectNode> points = ledger.templatePoints(ids, from, to, metrics);
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putArray("data").addObject();
        data.put("granularity", "DAILY");
        data.put("product_type", "cloud_api");
        ArrayNode out = data.putArray("data_points");
        int last = Math.min(points.size(), offset + limit);
        for (int i = Math.max(0, offset); i < last; i++) {
            out.add(points.get(i));
        }
        ObjectNode paging = root.putObject("paging");
        ObjectNode cursors = paging.putObject("cursors");
        cursors.put("before", cursor(offset));
        cursors.put("after", cursor(last));
        if (last < points.size()) {
            StringBuilder next = new StringBuilder("https://graph.facebook.com").append(path).append('?');
            params.forEach((k, v) -> {
                if (!k.equals("after")) {
                    next.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                }
            });
            paging.put("next", next.append("after=").append(cursor(last)).toString());
        }
        return new Reply(200, root);
    }

    private static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }

    /** ["1","2"], [1,2] or 1,2. */
    private static List<String> list(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String part : raw.strip().replaceAll("^\\[|\\]$", "").split(",")) {
            String v = part.strip().replaceAll("^\"|\"$", "").strip();
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    private static Long epoch(String raw) {
        return raw != null && raw.matches("[0-9]{1,12}") ? Long.parseLong(raw) : null;
    }

    private static Reply invalid(String details) {
        return new Reply(400, MetaErrors.invalid(100, "Invalid parameter", details));
    }
}

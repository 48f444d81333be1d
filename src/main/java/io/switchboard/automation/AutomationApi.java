package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.common.ValidationException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/automations/{id}/run} on `serve`: {@code Authorization: Bearer TOKEN} (the automation's own token),
 * body {@code {"phone": "+…", "variables": {"order_id": "A-17"}}}, optional {@code Idempotency-Key} header. Answers 202
 * with {@code {"run_id": "…"}}; the worker executes the run. Nothing is parsed before the token is checked.
 */
public final class AutomationApi extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(AutomationApi.class);
    private static final Pattern PATH = Pattern.compile("/api/automations/([0-9a-fA-F-]{36})/run/?");
    static final int MAX_BODY_BYTES = 64 * 1024;
    private final AutomationService automations;

    public AutomationApi(AutomationService automations) {
        this.automations = automations;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            Matcher m = PATH.matcher(request.getHttpURI().getPath());
            if (!m.matches()) {
                return answer(response, callback, 404, error("not found"));
            }
            if (!"POST".equals(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                return answer(response, callback, 405, error("method not allowed"));
            }
            UUID id = UUID.fromString(m.group(1));
            String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
            if (request.getLength() > MAX_BODY_BYTES) {
                return answer(response, callback, 413, error("body over " + MAX_BODY_BYTES + " bytes"));
            }
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                return answer(response, callback, 413, error("body over " + MAX_BODY_BYTES + " bytes"));
            }
            String phone = null;
            Map<String, String> vars = new LinkedHashMap<>();
            JsonNode json = null;
            if (body.length > 0) {
                try {
                    json = AutomationDraft.JSON.readTree(body);
                } catch (Exception e) {
                    json = null;
                }
            }
            if (json != null && json.isObject()) {
                phone = json.hasNonNull("phone") ? json.get("phone").asText() : null;
                JsonNode v = json.get("variables");
                if (v != null && v.isObject()) {
                    v.fields().forEachRemaining(e -> vars.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                }
            }
            UUID run;
            try {
                // the token is checked first inside: a caller without it learns nothing about the body's problems
                run = automations.runFromApi(id, token, phone, vars, request.getHeaders().get("Idempotency-Key"));
            } catch (AutomationService.ApiRefusal e) {
                if (e.status() == 400 && json == null && body.length > 0) {
                    return answer(response, callback, 400, error("body: is not JSON; send {\"phone\": \"+...\", \"variables\": {...}}"));
                }
                return answer(response, callback, e.status(), error(e.getMessage()));
            } catch (ValidationException e) {
                return answer(response, callback, 400, error(e.getMessage()));
            }
            ObjectNode ok = AutomationDraft.JSON.createObjectNode();
            ok.put("run_id", run.toString());
            ok.put("status", "accepted");
            return answer(response, callback, 202, ok.toString());
        } catch (Exception e) {
            log.error("automation API request failed", e);
            return answer(response, callback, 500, error("internal error"));
        }
    }

    private static String error(String message) {
        ObjectNode o = AutomationDraft.JSON.createObjectNode();
        o.put("error", message);
        return o.toString();
    }

    private static boolean answer(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}

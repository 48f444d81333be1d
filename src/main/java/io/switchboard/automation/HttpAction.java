package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.config.SecretBox;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * http_request: a request with a 10-second timeout, redirects not followed (a redirect could lead to an address
 * the policy refuses), retried with exponential backoff on 5xx and connection errors. The log keeps the response code
 * and the first KB of the body. Loopback, private, link-local and unique-local addresses are refused unless the
 * automation allows them (allow_private_network). Secret headers are stored encrypted and sent decrypted.
 */
public final class HttpAction {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final int ATTEMPTS = 3;
    static final int KEPT_BODY_BYTES = 1024;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    private final SecretBox secrets;
    private final Duration firstBackoff;

    /** {@code firstBackoff}: the wait before the second attempt, doubled before each next one. */
    public HttpAction(SecretBox secrets, Duration firstBackoff) {
        this.secrets = secrets;
        this.firstBackoff = firstBackoff;
    }

    /** The request as it would be sent (secret headers masked): the dry run's answer and the run log's variables. */
    record Prepared(String method, URI uri, Map<String, String> headers, Map<String, String> secretHeaders, String body) {
        String describe() {
            Map<String, String> shown = new LinkedHashMap<>(headers);
            secretHeaders.forEach((k, v) -> shown.put(k, SecretBox.mask(v)));
            return method + " " + uri + " headers " + shown + (body == null ? "" : " body " + MessageActions.abbreviate(body));
        }
    }

    Prepared prepare(RunContext ctx) {
        ObjectNode cfg = ctx.actionConfig();
        Variables v = ctx.variables();
        String method = cfg.get("method").asText();
        URI uri = URI.create(v.render(cfg.get("url").asText()).replace(" ", "%20"));
        Map<String, String> headers = new LinkedHashMap<>();
        if (cfg.has("headers")) {
            cfg.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), v.render(e.getValue().asText())));
        }
        Map<String, String> secret = new LinkedHashMap<>();
        if (cfg.has("secret_headers")) {
            cfg.get("secret_headers").fields().forEachRemaining(e -> secret.put(e.getKey(), v.render(secrets.decrypt(e.getValue().asText()))));
        }
        String body = null;
        if (cfg.has("body") && !cfg.get("body").isNull()) {
            JsonNode rendered = v.render(cfg.get("body"));
            body = rendered.isTextual() ? rendered.asText() : rendered.toString();
            headers.putIfAbsent("Content-Type", rendered.isTextual() ? "text/plain; charset=utf-8" : "application/json");
        }
        return new Prepared(method, uri, headers, secret, body);
    }

    /** Null when the address may be called, else why not. */
    static String refusal(URI uri, boolean allowPrivate) {
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()
                        || uniqueLocal(a) || carrierGrade(a)) {
                    return uri.getHost() + " is a loopback or private address (" + a.getHostAddress()
                            + "); an admin must allow private network targets for this automation (action_config.allow_private_network)";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "cannot resolve " + uri.getHost();
        }
    }

    private static boolean uniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean carrierGrade(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }

    ActionOutcome run(RunContext ctx) {
        Prepared p;
        try {
            p = prepare(ctx);
        } catch (RuntimeException e) {
            return ActionOutcome.failed("cannot build the request: " + e.getMessage());
        }
        String refused = refusal(p.uri(), ctx.allowPrivateNetwork());
        if (refused != null) {
            return ActionOutcome.failed("refused: " + refused);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(p.uri()).timeout(TIMEOUT)
                .method(p.method(), p.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(p.body()));
        p.headers().forEach(b::header);
        p.secretHeaders().forEach(b::header);
        HttpRequest request = b.build();
        String lastError = null;
        Integer lastCode = null;
        String lastBody = null;
        Duration wait = firstBackoff;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                lastCode = response.statusCode();
                lastBody = firstKilobyte(response.body());
                if (lastCode < 500) {
                    String line = p.method() + " " + p.uri() + " → " + lastCode + (attempt > 1 ? " (attempt " + attempt + ")" : "") + ": " + lastBody;
                    return lastCode < 400 ? new ActionOutcome(true, line, null, lastCode) : new ActionOutcome(false, null, line, lastCode);
                }
                lastError = p.method() + " " + p.uri() + " → " + lastCode + " after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ": " + lastBody;
            } catch (IOException e) {
                lastError = p.method() + " " + p.uri() + " failed after " + attempt + " attempt" + (attempt == 1 ? "" : "s") + ": " + e;
                lastCode = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ActionOutcome.failed("interrupted while calling " + p.uri());
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new ActionOutcome(false, null, lastError, lastCode);
                }
                wait = wait.multipliedBy(2);
            }
        }
        return new ActionOutcome(false, null, lastError, lastCode);
    }

    /** The first KB of a body, read with the request's timeout already bounding the exchange. */
    private static String firstKilobyte(InputStream in) throws IOException {
        try (in) {
            byte[] kept = in.readNBytes(KEPT_BODY_BYTES);
            String s = new String(kept, StandardCharsets.UTF_8);
            // a multi-byte character cut at the KB boundary decodes to U+FFFD: drop it
            return s.endsWith("\uFFFD") ? s.substring(0, s.length() - 1) : s;
        }
    }
}

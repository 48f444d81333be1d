package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated WhatsApp Cloud API on loopback, over real HTTP. It answers
 * POST /{version}/{phone_number_id}/messages the way Meta does — Bearer token checked, request shape
 * validated, {messaging_product, contacts:[{input, wa_id}], messages:[{id}]} on success, Meta's error JSON
 * otherwise — and then posts signed status webhooks (sent, delivered, read; failed with 131026 for
 * undeliverable numbers) to the number's webhook URL. GET /{version}/{phone_number_id} answers with the
 * number's profile. Production code talks to it unchanged; only the base URL differs.
 */
public final class CloudApiSandbox implements AutoCloseable {
    public static final String API_VERSION = "v24.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MESSAGES = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/messages/?$");
    private static final Pattern NUMBER = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/?$");
    private static final Pattern TEMPLATES = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/message_templates/?$");
    private static final Pattern TEMPLATE_ANALYTICS = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/template_analytics/?$");
    private static final Pattern ANALYTICS = Pattern.compile(
            "^analytics\\.start\\((\\d+)\\)\\.end\\((\\d+)\\)\\.granularity\\((\\w+)\\)((?:\\.(?:phone_numbers|country_codes|product_types)\\(\\[[^\\]]*\\]\\))*)$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_BODY = 1 << 20;
    private static final int KEPT = 5_000;

    /** Told about every accepted send, after the answer left: the simulated customers listen here. */
    public interface SendListener {
        void accepted(SandboxNumber number, String toWaId, String wamid, String type);
    }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService scheduler;
    private final SandboxWebhooks webhooks;
    private final SandboxOptions options;
    private final Map<String, SandboxNumber> numbers = new ConcurrentHashMap<>();
    /** Each number's health as the sandbox's Meta sees it: quality rating, messaging-limit tier, status. */
    private final Map<String, String[]> health = new ConcurrentHashMap<>();
    private final Map<String, Map<String, TemplateShape>> templates = new ConcurrentHashMap<>();
    /** Numbers that wrote in (simulated customers): campaign realism leaves them alone. */
    private final java.util.Set<String> wroteIn = ConcurrentHashMap.newKeySet();
    private final SandboxTemplates wabaTemplates = new SandboxTemplates();
    /** Every send accepted and every delivery posted, per number: what GET /{waba_id}?fields=analytics… counts. */
    private final SandboxLedger ledger = new SandboxLedger();
    private volatile Duration templateReviewDelay = Duration.ofSeconds(3);
    private final ArrayDeque<SimulatedFailure> scripted = new ArrayDeque<>();
    private final ArrayDeque<ReceivedRequest> received = new ArrayDeque<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private final List<SendListener> listeners = new CopyOnWriteArrayList<>();
    private final SandboxMedia media = new SandboxMedia();

    private CloudApiSandbox(SandboxOptions options, int port, int threads) throws IOException {
        this.options = options;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        this.handlers = Executors.newFixedThreadPool(threads, r -> daemon(r, "sandbox-http"));
        this.scheduler = Executors.newScheduledThreadPool(2, r -> daemon(r, "sandbox-webhooks"));
        this.webhooks = new SandboxWebhooks(scheduler);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** Starts on a free loopback port. */
    public static CloudApiSandbox start(SandboxOptions options) {
        return start(options, 0, 4);
    }

    public static CloudApiSandbox start(SandboxOptions options, int port, int threads) {
        try {
            return new CloudApiSandbox(options, port, threads);
        } catch (IOException e) {
            throw new IllegalStateException("The WhatsApp sandbox cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** What to store as the account's API base URL, e.g. http://127.0.0.1:41234/v24.0. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + API_VERSION;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxOptions options() {
        return options;
    }

    public void register(SandboxNumber number) {
        numbers.put(number.phoneNumberId(), number);
        health.putIfAbsent(number.phoneNumberId(), new String[] {"GREEN", "TIER_1K", "CONNECTED"});
    }

    /**
     * Meta re-rates a number: GET /{phone_number_id} reports the new rating and tier from now on, and the
     * phone_number_quality_update webhook (event FLAGGED, UNFLAGGED, DOWNGRADE, UPGRADE…) is posted after {@code delay}.
     */
    public void changeNumberHealth(String phoneNumberId, String qualityRating, String tier, String event, Duration delay) {
        SandboxNumber number = requireNumber(phoneNumberId);
        String oldTier;
        synchronized (health) {
            String[] h = health.get(phoneNumberId);
            oldTier = h[1];
            health.put(phoneNumberId, new String[] {qualityRating, tier, h[2]});
        }
        ObjectNode value = JSON.createObjectNode();
        value.put("display_phone_number", number.displayPhone().replaceAll("[^0-9]", ""));
        value.put("event", event);
        if (!oldTier.equals(tier)) {
            value.put("old_limit", oldTier);
        }
        value.put("current_limit", tier);
        value.put("max_daily_conversations_per_business", tier);
        postTemplateWebhook(number.wabaId(), "phone_number_quality_update", value, delay);
    }

    /** An approved template of the number: sends naming another template get 132001, a wrong parameter count 132000. */
    public void registerTemplate(String phoneNumberId, String name, String language, int headerParams, int bodyParams) {
        templates.computeIfAbsent(phoneNumberId, k -> new ConcurrentHashMap<>()).put(name + "|" + language, new TemplateShape(headerParams, bodyParams));
    }

    /** How long the simulated review of a submitted template takes (default 3 s). */
    public CloudApiSandbox templateReviewDelay(Duration delay) {
        this.templateReviewDelay = delay;
        return this;
    }

    /**
     * Puts a template into the WABA's list as if it had been created in WhatsApp Manager ({@code componentsJson}
     * is Meta's components array); no webhook. Returns Meta's template id.
     */
    public String addTemplate(String wabaId, String name, String language, String category, String status, String componentsJson) {
        try {
            return wabaTemplates.put(wabaId, name, language, category, status, JSON.readTree(componentsJson)).id;
        } catch (IOException e) {
            throw new IllegalArgumentException("componentsJson is not JSON: " + e.getMessage(), e);
        }
    }

    /** Whether the WABA lists the template. */
    public boolean hasTemplate(String wabaId, String name, String language) {
        return wabaTemplates.find(wabaId, name, language) != null;
    }

    /**
     * Meta changes a template's status (APPROVED, REJECTED, PAUSED, DISABLED, FLAGGED…): the list shows it and a
     * signed message_template_status_update webhook goes to the WABA's numbers after {@code delay}.
     */
    public void changeTemplateStatus(String wabaId, String name, String language, String event, String reason, Duration delay) {
        SandboxTemplates.Stored t = requireTemplate(wabaId, name, language);
        synchronized (wabaTemplates) {
            String status = event.equals("REINSTATED") ? "APPROVED" : event;
            if (!java.util.Set.of("LOCKED", "UNLOCKED", "LIMIT_EXCEEDED").contains(event)) {
                t.status = status;
            }
            t.rejectedReason = event.equals("REJECTED") ? reason : null;
        }
        ObjectNode value = JSON.createObjectNode();
        value.put("event", event);
        value.put("message_template_id", Long.parseLong(t.id));
        value.put("message_template_name", t.name);
        value.put("message_template_language", t.language);
        value.put("reason", reason == null ? "NONE" : reason);
        value.put("message_template_category", t.category);
        if (event.equals("DISABLED")) {
            value.putObject("disable_info").put("disable_date", Instant.now().getEpochSecond());
        }
        if (event.equals("REJECTED") && "INVALID_FORMAT".equals(reason)) {
            ObjectNode info = value.putObject("rejection_info");
            info.put("reason", "The template's variables are placed or numbered in a way WhatsApp does not accept.");
            info.put("recommendation", "Number variables from {{1}} without gaps and do not start or end the body with one.");
        }
        postTemplateWebhook(wabaId, "message_template_status_update", value, delay);
    }

    /** Meta re-scores a template's quality (GREEN, YELLOW, RED, UNKNOWN) and says so by webhook. */
    public void changeTemplateQuality(String wabaId, String name, String language, String score, Duration delay) {
        SandboxTemplates.Stored t = requireTemplate(wabaId, name, language);
        String previous;
        synchronized (wabaTemplates) {
            previous = t.quality;
            t.quality = score;
        }
        ObjectNode value = JSON.createObjectNode();
        value.put("previous_quality_score", previous);
        value.put("new_quality_score", score);
        value.put("message_template_id", Long.parseLong(t.id));
        value.put("message_template_name", t.name);
        value.put("message_template_language", t.language);
        postTemplateWebhook(wabaId, "message_template_quality_update", value, delay);
    }

    /** Meta recategorizes a template (a completed change: previous_category and new_category). */
    public void changeTemplateCategory(String wabaId, String name, String language, String category, Duration delay) {
        SandboxTemplates.Stored t = requireTemplate(wabaId, name, language);
        String previous;
        synchronized (wabaTemplates) {
            previous = t.category;
            t.category = category;
        }
        ObjectNode value = JSON.createObjectNode();
        value.put("message_template_id", Long.parseLong(t.id));
        value.put("message_template_name", t.name);
        value.put("message_template_language", t.language);
        value.put("previous_category", previous);
        value.put("new_category", category);
        postTemplateWebhook(wabaId, "template_category_update", value, delay);
    }

    private SandboxTemplates.Stored requireTemplate(String wabaId, String name, String language) {
        SandboxTemplates.Stored t = wabaTemplates.find(wabaId, name, language);
        if (t == null) {
            throw new IllegalArgumentException("the sandbox WABA " + wabaId + " has no template " + name + " (" + language + ")");
        }
        return t;
    }

    /** Posts one WABA-level webhook (entry.id = WABA id, entry.time = now) once to every distinct webhook URL of the WABA's numbers. */
    private void postTemplateWebhook(String wabaId, String field, ObjectNode value, Duration delay) {
        Instant at = Instant.now().plus(delay);
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", wabaId);
        entry.put("time", at.getEpochSecond());
        ObjectNode change = entry.putArray("changes").addObject();
        change.set("value", value);
        change.put("field", field);
        java.util.Set<URI> targets = new java.util.HashSet<>();
        for (SandboxNumber n : numbers.values()) {
            if (n.wabaId().equals(wabaId) && n.webhookUrl() != null && targets.add(n.webhookUrl())) {
                webhooks.post(n, root, delay);
            }
        }
    }

    /** The next valid sends are answered with these failures, in order, instead of being accepted. */
    public void failNext(SimulatedFailure... failures) {
        synchronized (scripted) {
            scripted.addAll(List.of(failures));
        }
    }

    public void addListener(SendListener listener) {
        listeners.add(listener);
    }

    public int requestCount() {
        return requestCount.get();
    }

    public int acceptedCount() {
        return acceptedCount.get();
    }

    /** The most recent requests (up to a few thousand), oldest first. */
    public List<ReceivedRequest> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Webhooks posted so far (most recent few thousand), with their bodies and signatures. */
    public List<PostedWebhook> postedWebhooks() {
        return webhooks.posted().stream().map(p -> new PostedWebhook(p.number().phoneNumberId(), p.body(), p.signature(), p.answeredStatus())).toList();
    }

    /** A webhook as posted: the exact bytes, the X-Hub-Signature-256 value, and the receiver's HTTP status (0: no answer). */
    public record PostedWebhook(String phoneNumberId, byte[] body, String signature, int answeredStatus) {
    }

    /** Posts an inbound text from a customer, as Meta would when they write; returns the wamid. */
    public String customerWrites(String phoneNumberId, String fromWaId, String profileName, String text, String contextWamid, Duration delay) {
        SandboxNumber number = requireNumber(phoneNumberId);
        wroteIn.add(fromWaId);
        String wamid = newWamid();
        webhooks.post(number, SandboxWebhooks.inboundTextPayload(number, wamid, fromWaId, profileName, text, Instant.now().plus(delay), contextWamid), delay);
        return wamid;
    }

    /** The media endpoints' state: uploads, download URLs' lifetime, scripted download failures. */
    public SandboxMedia media() {
        return media;
    }

    /**
     * Posts an inbound media message (image, document, audio, video, sticker) whose file the sandbox holds for
     * download; {@code announcedSha256} null announces the file's true hash. Returns the wamid.
     */
    public String customerSendsMedia(String phoneNumberId, String fromWaId, String profileName, SampleMedia.Sample file, String announcedSha256,
                                     Duration delay) {
        SandboxNumber number = requireNumber(phoneNumberId);
        String mediaId = media.hold(phoneNumberId, file.bytes(), file.mimeType(), file.filename());
        String wamid = newWamid();
        webhooks.post(number, SandboxWebhooks.inboundMediaPayload(number, wamid, fromWaId, profileName, Instant.now().plus(delay), file.kind(), mediaId,
                file.mimeType(), announcedSha256 != null ? announcedSha256 : SandboxMedia.webhookSha256(file.bytes()), file.caption(), file.filename()), delay);
        return wamid;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    private SandboxNumber requireNumber(String phoneNumberId) {
        SandboxNumber number = numbers.get(phoneNumberId);
        if (number == null) {
            throw new IllegalArgumentException("the sandbox serves no number " + phoneNumberId);
        }
        return number;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requestCount.incrementAndGet();
            if (media.handle(exchange, id -> numbers.containsKey(id) ? numbers.get(id).accessToken() : null, this::keep)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] raw = readBody(exchange.getRequestBody());
            JsonNode body = parse(raw);
            Matcher templatePath = TEMPLATES.matcher(path);
            Matcher objectPath = NUMBER.matcher(path);
            String editedWaba = "POST".equals(exchange.getRequestMethod()) && objectPath.matches() ? wabaTemplates.wabaOf(objectPath.group(2)) : null;
            boolean analytics = "GET".equals(exchange.getRequestMethod()) && objectPath.matches() && !numbers.containsKey(objectPath.group(2))
                    && query(query).getOrDefault("fields", "").startsWith("analytics");
            Matcher templateAnalytics = TEMPLATE_ANALYTICS.matcher(path);
            Answer answer = templateAnalytics.matches() && "GET".equals(exchange.getRequestMethod())
                    ? templateAnalytics(templateAnalytics.group(2), query(query), authorization, path)
                    : analytics ? analytics(objectPath.group(2), query(query).get("fields"), authorization)
                    : templatePath.matches() ? templates(exchange.getRequestMethod(), templatePath.group(2), path, query, authorization, body)
                    : editedWaba != null ? editTemplate(editedWaba, objectPath.group(2), authorization, body)
                    : answer(exchange.getRequestMethod(), path, authorization, raw, body);
            keep(new ReceivedRequest(exchange.getRequestMethod(), path, authorization, body, answer.status()));
            byte[] out = answer.body() == null ? new byte[0] : JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
            if (answer.afterwards() != null) {
                answer.afterwards().run();
            }
        }
    }

    private record Answer(int status, JsonNode body, Runnable afterwards) {
        static Answer of(int status, JsonNode body) {
            return new Answer(status, body, null);
        }
    }

    /**
     * GET /{waba_id}?fields=analytics.start(S).end(E).granularity(HALF_HOUR|DAY|MONTH)[.phone_numbers([…])]: sent and delivered
     * per bucket (UTC boundaries) for the WABA's numbers, or those whose display number (digits only) is listed, from the ledger.
     */
    private Answer analytics(String wabaId, String fields, String authorization) {
        List<SandboxNumber> owners = numbers.values().stream().filter(n -> n.wabaId().equals(wabaId)).toList();
        if (owners.isEmpty()) {
            return Answer.of(400, MetaErrors.error("Unsupported get request. Object with ID '" + wabaId
                    + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", "GraphMethodException", 100, 33, null));
        }
        if (authorization == null || owners.stream().noneMatch(n -> authorization.equals("Bearer " + n.accessToken()))) {
            return Answer.of(401, MetaErrors.error("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null, null));
        }
        Matcher m = ANALYTICS.matcher(fields);
        if (!m.matches()) {
            return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter",
                    "analytics needs .start(UNIX).end(UNIX).granularity(HALF_HOUR|DAY|MONTH), optionally .phone_numbers([...])."));
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        String granularity = m.group(3).toUpperCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("HALF_HOUR", "DAY", "MONTH").contains(granularity)) {
            return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter", "granularity must be HALF_HOUR, DAY or MONTH."));
        }
        if (end <= start) {
            return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter", "end must be after start."));
        }
        List<SandboxNumber> chosen = owners;
        Matcher phones = Pattern.compile("\\.phone_numbers\\(\\[([^\\]]*)\\]\\)").matcher(m.group(4));
        if (phones.find() && !phones.group(1).isBlank()) {
            java.util.Set<String> wanted = new java.util.HashSet<>();
            for (String p : phones.group(1).split(",")) {
                wanted.add(p.replaceAll("[^0-9]", ""));
            }
            chosen = owners.stream().filter(n -> wanted.contains(n.displayPhone().replaceAll("[^0-9]", ""))).toList();
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("analytics", ledger.analytics(chosen, start, end, granularity));
        root.put("id", wabaId);
        return Answer.of(200, root);
    }

    /** GET /{waba_id}/template_analytics: sent, delivered and read per template and UTC day, from the ledger. */
    private Answer templateAnalytics(String wabaId, Map<String, String> params, String authorization, String path) {
        SandboxTemplateAnalytics.Reply reply = SandboxTemplateAnalytics.answer(wabaId, params, authorization, path,
                numbers.values().stream().filter(n -> n.wabaId().equals(wabaId)).toList(), wabaTemplates, ledger);
        return Answer.of(reply.status(), reply.body());
    }

    /** GET (list, paged), POST (create, then a simulated review) and DELETE ?name= on /{waba_id}/message_templates. */
    private Answer templates(String method, String wabaId, String path, String query, String authorization, JsonNode body) {
        List<SandboxNumber> owners = numbers.values().stream().filter(n -> n.wabaId().equals(wabaId)).toList();
        if (owners.isEmpty()) {
            return Answer.of(400, MetaErrors.error("Unsupported " + method.toLowerCase() + " request. Object with ID '" + wabaId
                    + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", "GraphMethodException", 100, 33, null));
        }
        if (authorization == null || owners.stream().noneMatch(n -> authorization.equals("Bearer " + n.accessToken()))) {
            return Answer.of(401, MetaErrors.error(authorization == null ? "An active access token must be used to query information about the current user."
                    : "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null, null));
        }
        Map<String, String> params = query(query);
        switch (method) {
            case "GET" -> {
                int limit;
                try {
                    limit = Math.max(1, Math.min(100, Integer.parseInt(params.getOrDefault("limit", "25"))));
                } catch (NumberFormatException e) {
                    return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter", "limit must be a number."));
                }
                StringBuilder self = new StringBuilder(baseUrl().replace("/" + API_VERSION, "") + path + "?limit=" + limit);
                if (params.containsKey("fields")) {
                    self.append("&fields=").append(params.get("fields"));
                }
                ObjectNode page = wabaTemplates.page(wabaId, limit, params.get("after"), self.toString());
                return page == null ? Answer.of(400, MetaErrors.invalid(100, "Invalid parameter", "The after cursor is not valid.")) : Answer.of(200, page);
            }
            case "POST" -> {
                ObjectNode problem = SandboxTemplates.problem(body, wabaTemplates, wabaId);
                if (problem != null) {
                    return Answer.of(400, problem);
                }
                String name = body.get("name").asText();
                String language = body.get("language").asText();
                String category = body.get("category").asText().toUpperCase(java.util.Locale.ROOT);
                ArrayNode components = JSON.createArrayNode();
                for (JsonNode c : body.get("components")) {
                    ObjectNode copy = c.deepCopy();
                    copy.put("type", c.path("type").asText().toUpperCase(java.util.Locale.ROOT));
                    if (copy.has("format")) {
                        copy.put("format", copy.get("format").asText().toUpperCase(java.util.Locale.ROOT));
                    }
                    components.add(copy);
                }
                SandboxTemplates.Stored created = wabaTemplates.put(wabaId, name, language, category, "PENDING", components);
                ObjectNode ok = JSON.createObjectNode();
                ok.put("id", created.id);
                ok.put("status", "PENDING");
                ok.put("category", category);
                Duration review = templateReviewDelay;
                return new Answer(200, ok, () -> scheduler.schedule(() -> review(wabaId, name, language), review.toMillis(), TimeUnit.MILLISECONDS));
            }
            case "DELETE" -> {
                String name = params.get("name");
                if (name == null || name.isBlank()) {
                    return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter", "name is required to delete a message template."));
                }
                List<SandboxTemplates.Stored> removed = wabaTemplates.delete(wabaId, name);
                if (removed.isEmpty()) {
                    return Answer.of(400, MetaErrors.error("(#100) Invalid parameter", "OAuthException", 100, 2593002,
                            "Message template \"" + name + "\" was not found."));
                }
                ObjectNode ok = JSON.createObjectNode();
                ok.put("success", true);
                return new Answer(200, ok, () -> removed.forEach(t -> {
                    ObjectNode value = JSON.createObjectNode();
                    value.put("event", "DELETED");
                    value.put("message_template_id", Long.parseLong(t.id));
                    value.put("message_template_name", t.name);
                    value.put("message_template_language", t.language);
                    value.put("reason", "NONE");
                    postTemplateWebhook(wabaId, "message_template_status_update", value, Duration.ofMillis(50));
                }));
            }
            default -> {
                return Answer.of(400, MetaErrors.error("Unsupported " + method.toLowerCase() + " request.", "GraphMethodException", 100, null, null));
            }
        }
    }

    /**
     * POST /{template_id}: Meta's template edit. Only APPROVED, REJECTED or PAUSED templates; an approved one at most
     * once in 24 hours and ten times in 30 days; the edited template goes back to PENDING and is reviewed again.
     */
    private Answer editTemplate(String wabaId, String templateId, String authorization, JsonNode body) {
        List<SandboxNumber> owners = numbers.values().stream().filter(n -> n.wabaId().equals(wabaId)).toList();
        if (authorization == null || owners.stream().noneMatch(n -> authorization.equals("Bearer " + n.accessToken()))) {
            return Answer.of(401, MetaErrors.error("Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null, null));
        }
        if (body == null || !body.path("components").isArray() || body.get("components").isEmpty()) {
            return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter", "components is required to edit a message template."));
        }
        if (body.has("name") || body.has("language")) {
            return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter", "The name and language of a message template cannot be edited."));
        }
        SandboxTemplates.Stored t = wabaTemplates.byId(wabaId, templateId);
        if (t == null) { // deleted since the lookup
            return Answer.of(400, MetaErrors.error("Unsupported post request. Object with ID '" + templateId + "' does not exist.", "GraphMethodException", 100, 33, null));
        }
        String name;
        String language;
        synchronized (wabaTemplates) {
            if (!java.util.Set.of("APPROVED", "REJECTED", "PAUSED").contains(t.status)) {
                return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter",
                        "Message templates can only be edited when they are approved, rejected or paused; this one is " + t.status + "."));
            }
            Instant now = Instant.now();
            if (t.status.equals("APPROVED")) {
                long lastDay = t.edits.stream().filter(e -> e.isAfter(now.minus(Duration.ofHours(24)))).count();
                long lastMonth = t.edits.stream().filter(e -> e.isAfter(now.minus(Duration.ofDays(30)))).count();
                if (lastDay >= 1 || lastMonth >= 10) {
                    return Answer.of(400, MetaErrors.invalid(100, "Invalid parameter",
                            "An approved message template can be edited once in 24 hours and up to 10 times in 30 days."));
                }
            }
            ArrayNode components = JSON.createArrayNode();
            for (JsonNode c : body.get("components")) {
                ObjectNode copy = c.deepCopy();
                copy.put("type", c.path("type").asText().toUpperCase(java.util.Locale.ROOT));
                if (copy.has("format")) {
                    copy.put("format", copy.get("format").asText().toUpperCase(java.util.Locale.ROOT));
                }
                components.add(copy);
            }
            t.components = components;
            if (body.path("category").isTextual()) {
                t.category = body.get("category").asText().toUpperCase(java.util.Locale.ROOT);
            }
            t.status = "PENDING";
            t.rejectedReason = null;
            t.edits.add(now);
            name = t.name;
            language = t.language;
        }
        ObjectNode ok = JSON.createObjectNode();
        ok.put("success", true);
        Duration review = templateReviewDelay;
        return new Answer(200, ok, () -> scheduler.schedule(() -> review(wabaId, name, language), review.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The simulated review: a name containing "reject" is rejected (INVALID_FORMAT), everything else approved. */
    private void review(String wabaId, String name, String language) {
        if (wabaTemplates.find(wabaId, name, language) == null) {
            return; // deleted while in review
        }
        if (name.contains("reject")) {
            changeTemplateStatus(wabaId, name, language, "REJECTED", "INVALID_FORMAT", Duration.ZERO);
        } else {
            changeTemplateStatus(wabaId, name, language, "APPROVED", null, Duration.ZERO);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private Answer answer(String method, String path, String authorization, byte[] raw, JsonNode body) {
        Matcher send = MESSAGES.matcher(path);
        Matcher profile = NUMBER.matcher(path);
        String phoneNumberId = send.matches() ? send.group(2) : profile.matches() ? profile.group(2) : null;
        if (phoneNumberId == null) {
            return Answer.of(404, MetaErrors.error("Unknown path components: " + path, "OAuthException", 2500, null, null));
        }
        SandboxNumber number = numbers.get(phoneNumberId);
        if (number == null) {
            return Answer.of(400, MetaErrors.error("Unsupported " + method.toLowerCase() + " request. Object with ID '" + phoneNumberId
                    + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", "GraphMethodException", 100, 33, null));
        }
        if (authorization == null || !authorization.equals("Bearer " + number.accessToken())) {
            return Answer.of(401, MetaErrors.error(authorization == null ? "An active access token must be used to query information about the current user."
                    : "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null, null));
        }
        if (profile.matches() && method.equals("GET")) {
            ObjectNode info = JSON.createObjectNode();
            info.put("verified_name", number.verifiedName());
            info.put("code_verification_status", "VERIFIED");
            info.put("display_phone_number", number.displayPhone());
            String[] h = health.get(number.phoneNumberId());
            info.put("quality_rating", h[0]);
            info.put("messaging_limit_tier", h[1]);
            info.put("status", h[2]);
            info.put("name_status", "APPROVED");
            info.put("platform_type", "CLOUD_API");
            info.putObject("throughput").put("level", "STANDARD");
            info.put("id", number.phoneNumberId());
            return Answer.of(200, info);
        }
        if (!send.matches() || !method.equals("POST")) {
            return Answer.of(400, MetaErrors.error("Unsupported " + method.toLowerCase() + " request.", "GraphMethodException", 100, null, null));
        }
        if (raw.length > MAX_BODY) {
            return Answer.of(413, MetaErrors.invalid(100, "Invalid parameter", "The request body is too large."));
        }
        ObjectNode problem = MessageShape.problem(body, (name, language) -> {
            TemplateShape registered = templates.getOrDefault(phoneNumberId, Map.of()).get(name + "|" + language);
            return registered != null ? registered : wabaTemplates.approvedShape(number.wabaId(), name, language);
        });
        if (problem != null) {
            return Answer.of(400, problem);
        }
        SimulatedFailure failure;
        synchronized (scripted) {
            failure = scripted.pollFirst();
        }
        if (failure != null) {
            return Answer.of(failure.httpStatus(), failure.code() == null ? null
                    : MetaErrors.error(failure.message(), "OAuthException", failure.code(), null, failure.message().replaceFirst("^\\(#\\d+\\)\\s*", "")));
        }
        String to = body.get("to").asText();
        String waId = to.replace("+", "");
        String wamid = newWamid();
        String type = body.get("type").asText();
        ObjectNode ok = JSON.createObjectNode();
        ok.put("messaging_product", "whatsapp");
        ObjectNode contact = ok.putArray("contacts").addObject();
        contact.put("input", to);
        contact.put("wa_id", waId);
        ObjectNode message = ok.putArray("messages").addObject();
        message.put("id", wamid);
        if (type.equals("template")) {
            message.put("message_status", "accepted");
        }
        acceptedCount.incrementAndGet();
        Instant acceptedAt = Instant.now();
        ledger.record(phoneNumberId, "sent", acceptedAt);
        String templateId = null;
        if (type.equals("template")) { // template_analytics counts by Meta's template id (templates only registered per number have none)
            SandboxTemplates.Stored t = wabaTemplates.find(number.wabaId(), body.path("template").path("name").asText(),
                    body.path("template").path("language").path("code").asText());
            templateId = t == null ? null : t.id;
            if (templateId != null) {
                ledger.recordTemplate(templateId, "sent", acceptedAt);
            }
        }
        String sentTemplate = templateId;
        return new Answer(200, ok, () -> afterAcceptance(number, waId, wamid, type, sentTemplate));
    }

    private void afterAcceptance(SandboxNumber number, String waId, String wamid, String type, String templateId) {
        Instant now = Instant.now();
        if (type.equals("template") && !wroteIn.contains(waId) && !options.undeliverable(waId)) {
            campaignRecipient(number, waId, wamid, now, templateId);
            return;
        }
        if (options.undeliverable(waId)) {
            if (options.sentDelay() != null) {
                webhooks.post(number, SandboxWebhooks.statusPayload(number, wamid, waId, "failed", now.plus(options.sentDelay()), 131026,
                        "Message undeliverable"), options.sentDelay());
            }
            return;
        }
        postStatus(number, wamid, waId, "sent", now, options.sentDelay(), templateId);
        postStatus(number, wamid, waId, "delivered", now, options.deliveredDelay(), templateId);
        postStatus(number, wamid, waId, "read", now, options.readDelay(), templateId);
        for (SendListener l : listeners) {
            l.accepted(number, waId, wamid, type);
        }
    }

    /** A template to a number that never wrote in: a campaign recipient, who reacts as {@link CampaignAudienceEngagement} says. */
    private void campaignRecipient(SandboxNumber number, String waId, String wamid, Instant now, String templateId) {
        CampaignAudienceEngagement e = CampaignAudienceEngagement.of(waId);
        if (e == CampaignAudienceEngagement.LIMITED_BY_META || e == CampaignAudienceEngagement.UNDELIVERABLE) {
            if (options.sentDelay() != null) {
                boolean limited = e == CampaignAudienceEngagement.LIMITED_BY_META;
                webhooks.post(number, SandboxWebhooks.statusPayload(number, wamid, waId, "failed", now.plus(options.sentDelay()), limited ? 131049 : 131026,
                        limited ? "This message was not delivered to maintain healthy ecosystem engagement." : "Message undeliverable"), options.sentDelay());
            }
            return;
        }
        postStatus(number, wamid, waId, "sent", now, options.sentDelay(), templateId);
        postStatus(number, wamid, waId, "delivered", now, options.deliveredDelay(), templateId);
        if (e.reads()) {
            postStatus(number, wamid, waId, "read", now, options.readDelay(), templateId);
            if ((e == CampaignAudienceEngagement.REPLIES || e == CampaignAudienceEngagement.OPTS_OUT) && options.readDelay() != null
                    && options.replyDelay() != null) {
                List<String> texts = CampaignAudienceEngagement.REPLIES_TEXT;
                String text = e == CampaignAudienceEngagement.OPTS_OUT ? "STOP" : texts.get(Math.floorMod(waId.hashCode(), texts.size()));
                String from = waId;
                webhooks.post(number, SandboxWebhooks.inboundTextPayload(number, newWamid(), from, null, text,
                        now.plus(options.readDelay()).plus(options.replyDelay()), wamid), options.readDelay().plus(options.replyDelay()));
            }
        }
    }

    private void postStatus(SandboxNumber number, String wamid, String waId, String status, Instant now, Duration delay, String templateId) {
        if (delay != null) {
            webhooks.post(number, SandboxWebhooks.statusPayload(number, wamid, waId, status, now.plus(delay), null, null), delay);
            // Meta counts a delivery (and, per template, a read) when it happens, at the second its status carries.
            Instant at = now.plus(delay);
            if (status.equals("delivered")) {
                scheduler.schedule(() -> ledger.record(number.phoneNumberId(), "delivered", at), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (templateId != null && (status.equals("delivered") || status.equals("read"))) {
                scheduler.schedule(() -> ledger.recordTemplate(templateId, status, at), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    static String newWamid() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return "wamid.HBgL" + Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readNBytes(MAX_BODY + 1);
    }

    private static JsonNode parse(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private void keep(ReceivedRequest r) {
        synchronized (received) {
            if (received.size() == KEPT) {
                received.removeFirst();
            }
            received.addLast(r);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        scheduler.shutdownNow();
        webhooks.close();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

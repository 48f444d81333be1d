package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.channel.whatsapp.WebhookSignature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds webhook bodies in the shape of Meta's "messages" field (object whatsapp_business_account,
 * entry[].changes[].value with metadata and either statuses or contacts + messages), signs them with
 * the number's app secret (X-Hub-Signature-256) and posts them. Like Meta, it retries a delivery that
 * got no 200 a few times with growing pauses.
 *
 * <p>Like Meta, it keeps at most {@link #MAX_IN_FLIGHT} deliveries in flight and queues the rest, and its
 * HTTP client runs on two threads of its own. Unbounded, a burst that outran the receiver opened a
 * connection per waiting delivery and the client's default executor a thread per answer: a whole
 * {@code serve} run reached ~730 threads and ran out of file descriptors (BENCHMARKS.md, issue 17 (d)).
 */
final class SandboxWebhooks {
    private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 5;
    private static final int KEPT = 2_000;

    /** A webhook as it was posted: for tests that check the signature and the shape. */
    record Posted(SandboxNumber number, byte[] body, String signature, int answeredStatus) {
    }

    /** Deliveries awaiting an answer at once, at most; so also the most connections the client opens. */
    static final int MAX_IN_FLIGHT = 64;

    private record Delivery(SandboxNumber number, byte[] body, int attempt) {
    }

    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "sandbox-webhook-client");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
            .executor(clientThreads).build();
    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<Delivery> due = new ArrayDeque<>();
    private int inFlight;
    private final ArrayDeque<Posted> posted = new ArrayDeque<>();
    private final AtomicLong delivered = new AtomicLong();

    SandboxWebhooks(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static ObjectNode statusPayload(SandboxNumber number, String wamid, String recipientWaId, String status, Instant at, Integer errorCode,
                                    String errorTitle) {
        ObjectNode value = envelope(number);
        ObjectNode s = value.putArray("statuses").addObject();
        s.put("id", wamid);
        s.put("status", status);
        s.put("timestamp", String.valueOf(at.getEpochSecond()));
        s.put("recipient_id", recipientWaId);
        if (errorCode != null) {
            ObjectNode error = s.putArray("errors").addObject();
            error.put("code", errorCode);
            error.put("title", errorTitle);
            error.put("message", errorTitle);
            error.putObject("error_data").put("details", errorTitle);
            error.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
        } else if (!"read".equals(status)) {
            ObjectNode conversation = s.putObject("conversation");
            conversation.put("id", UUID.nameUUIDFromBytes(recipientWaId.getBytes()).toString().replace("-", ""));
            if ("sent".equals(status)) {
                conversation.put("expiration_timestamp", String.valueOf(at.plusSeconds(86_400).getEpochSecond()));
            }
            conversation.putObject("origin").put("type", "service");
            ObjectNode pricing = s.putObject("pricing");
            pricing.put("billable", true);
            pricing.put("pricing_model", "PMP");
            pricing.put("category", "service");
        }
        return root(number, value);
    }

    static ObjectNode inboundTextPayload(SandboxNumber number, String wamid, String fromWaId, String profileName, String text, Instant at,
                                         String contextWamid) {
        ObjectNode value = envelope(number);
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", profileName);
        contact.put("wa_id", fromWaId);
        ObjectNode message = value.putArray("messages").addObject();
        message.put("from", fromWaId);
        message.put("id", wamid);
        message.put("timestamp", String.valueOf(at.getEpochSecond()));
        if (contextWamid != null) {
            ObjectNode context = message.putObject("context");
            context.put("from", number.displayPhone().replace("+", ""));
            context.put("id", contextWamid);
        }
        message.put("type", "text");
        message.putObject("text").put("body", text);
        return root(number, value);
    }

    /** An inbound image, document, audio or video message: {type: {id, mime_type, sha256 (base64), caption?, filename?, voice?}}. */
    static ObjectNode inboundMediaPayload(SandboxNumber number, String wamid, String fromWaId, String profileName, Instant at, String kind,
                                          String mediaId, String mimeType, String sha256, String caption, String filename) {
        ObjectNode value = envelope(number);
        ObjectNode contact = value.putArray("contacts").addObject();
        contact.putObject("profile").put("name", profileName);
        contact.put("wa_id", fromWaId);
        ObjectNode message = value.putArray("messages").addObject();
        message.put("from", fromWaId);
        message.put("id", wamid);
        message.put("timestamp", String.valueOf(at.getEpochSecond()));
        message.put("type", kind);
        ObjectNode media = message.putObject(kind);
        if (caption != null) {
            media.put("caption", caption);
        }
        if (filename != null) {
            media.put("filename", filename);
        }
        media.put("mime_type", mimeType);
        media.put("sha256", sha256);
        media.put("id", mediaId);
        if (kind.equals("audio")) {
            media.put("voice", true);
        }
        if (kind.equals("sticker")) {
            media.put("animated", false);
        }
        return root(number, value);
    }

    private static ObjectNode envelope(SandboxNumber number) {
        ObjectNode value = JSON.createObjectNode();
        value.put("messaging_product", "whatsapp");
        ObjectNode metadata = value.putObject("metadata");
        metadata.put("display_phone_number", number.displayPhone().replace("+", ""));
        metadata.put("phone_number_id", number.phoneNumberId());
        return value;
    }

    private static ObjectNode root(SandboxNumber number, ObjectNode value) {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "whatsapp_business_account");
        ObjectNode entry = root.putArray("entry").addObject();
        entry.put("id", number.wabaId());
        ObjectNode change = entry.putArray("changes").addObject();
        change.set("value", value);
        change.put("field", "messages");
        return root;
    }

    /** Posts {@code payload} to the number's webhook URL after {@code delay}; nothing when it has none. */
    void post(SandboxNumber number, ObjectNode payload, Duration delay) {
        if (number.webhookUrl() == null) {
            return;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        scheduler.schedule(() -> enqueue(new Delivery(number, body, 1)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the delivery now if fewer than {@link #MAX_IN_FLIGHT} are in flight, else once one of them is answered. */
    private void enqueue(Delivery delivery) {
        synchronized (due) {
            due.addLast(delivery);
        }
        dispatch();
    }

    private void dispatch() {
        List<Delivery> now = new ArrayList<>();
        synchronized (due) {
            while (inFlight < MAX_IN_FLIGHT && !due.isEmpty()) {
                inFlight++;
                now.add(due.removeFirst());
            }
        }
        now.forEach(this::attempt); // outside the lock: an answer may complete on this thread and dispatch again
    }

    private void answered() {
        synchronized (due) {
            inFlight--;
        }
        dispatch();
    }

    private void attempt(Delivery delivery) {
        SandboxNumber number = delivery.number();
        byte[] body = delivery.body();
        int attempt = delivery.attempt();
        String signature = WebhookSignature.sign(number.appSecret(), body);
        HttpRequest request = HttpRequest.newBuilder(number.webhookUrl())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        java.util.concurrent.CompletableFuture<HttpResponse<Void>> answer;
        try {
            answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) { // e.g. the client's threads stopped by close(): the slot is free again
            answered();
            log.warn("sandbox: webhook to {} not sent: {}", number.webhookUrl(), e.toString());
            return;
        }
        answer.whenComplete((response, failure) -> {
            answered();
            int status = response == null ? 0 : response.statusCode();
            keep(new Posted(number, body, signature, status));
            if (status == 200) {
                delivered.incrementAndGet();
                return;
            }
            if (attempt < ATTEMPTS && !scheduler.isShutdown()) {
                long pause = 250L << attempt;
                scheduler.schedule(() -> enqueue(new Delivery(number, body, attempt + 1)), pause, TimeUnit.MILLISECONDS);
            } else {
                log.warn("sandbox: webhook to {} not accepted after {} attempts ({})", number.webhookUrl(), attempt,
                        failure != null ? failure.toString() : "HTTP " + status);
            }
        });
    }

    private void keep(Posted p) {
        synchronized (posted) {
            if (posted.size() == KEPT) {
                posted.removeFirst();
            }
            posted.addLast(p);
        }
    }

    List<Posted> posted() {
        synchronized (posted) {
            return List.copyOf(posted);
        }
    }

    long delivered() {
        return delivered.get();
    }

    /** Stops the client's threads; deliveries still queued are dropped, as the sandbox's scheduler drops its timers. */
    void close() {
        synchronized (due) {
            due.clear();
        }
        clientThreads.shutdownNow();
    }
}

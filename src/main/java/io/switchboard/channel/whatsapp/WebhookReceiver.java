package io.switchboard.channel.whatsapp;

import io.switchboard.db.Database;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's webhook endpoint, {@code /webhook}, on Jetty (docs/decisions/receiver-01-jetty-for-the-webhook-receiver.md).
 * GET answers the verification handshake; POST reads the body (without holding a thread while it
 * arrives), checks {@code X-Hub-Signature-256} over the raw bytes in constant time, and stores the body
 * unparsed in {@code webhook_events} (status unprocessed), answering 200 only after that commit.
 * Concurrent requests share commits ({@link EventIngest}). It never judges business meaning: the
 * {@link EventPoller} does that later, so a body the parser cannot read is still kept. Missing
 * signature: 401; wrong or malformed: 403; body over the limit: 413; database unavailable or too slow:
 * 503 at once; nothing is stored in any of those cases. {@code GET /healthz} reports the database, the
 * workers and the backlog for load balancers and monitoring.
 *
 * <p>Slow or idle clients cannot starve intake: every connection has deadlines for its headers and its
 * body, the number of connections (in all and per address) is capped ({@link ConnectionGuard}), and the
 * bounded thread pool only ever runs non-blocking work.
 */
public final class WebhookReceiver {
    public static final String PATH = "/webhook";
    public static final String HEALTH_PATH = "/healthz";
    public static final int DEFAULT_MAX_BODY_BYTES = IntakeLimits.DEFAULT_MAX_BODY_BYTES;
    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    // Only to find which account signed the body; no business parsing happens here.
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("\"phone_number_id\"\\s*:\\s*\"([0-9]{1,64})\"");

    private final Database database;
    private final AccountCache accounts;
    private final int requestedPort;
    private final IntakeLimits limits;
    private final Map<String, BooleanSupplier> workers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.function.Supplier<String>> reports = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Runnable onStored = () -> { };
    /** Extra routes under /api/ (the automations' API trigger), or null. */
    private volatile Handler api;
    private volatile InetAddress bindAddress;
    private Server server;
    private ServerConnector connector;
    private ConnectionGuard guard;
    private IntakeDatabase intake;
    private EventIngest ingest;
    private ReceiverHealth health;

    /** A receiver on {@code port} (0: any free port, see {@link #port()}), all interfaces, {@link IntakeLimits#defaults()}. */
    public WebhookReceiver(Database database, AccountCache accounts, int port) {
        this(database, accounts, port, IntakeLimits.defaults());
    }

    public WebhookReceiver(Database database, AccountCache accounts, int port, IntakeLimits limits) {
        this.database = database;
        this.accounts = accounts;
        this.requestedPort = port;
        this.limits = limits;
    }

    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("the webhook receiver is already running");
        }
        intake = new IntakeDatabase(database.target());
        ingest = new EventIngest(intake, 2, () -> onStored.run());
        guard = new ConnectionGuard(limits);
        health = new ReceiverHealth(intake, ingest, workers, guard::openConnections, reports);
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()), 60_000, -1,
                new BlockingArrayQueue<>(256, 256, 8192), null);
        threads.setName("webhook");
        threads.setDaemon(true);
        // Daemon threads throughout: a receiver never keeps the JVM alive (the app decides when to exit).
        server = new Server(threads, new ScheduledExecutorScheduler("webhook-scheduler", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        connector = new ServerConnector(server, 1, -1, new HttpConnectionFactory(http));
        connector.setPort(requestedPort);
        if (bindAddress != null) {
            connector.setHost(bindAddress.getHostAddress());
        }
        connector.setIdleTimeout(limits.keepAliveIdle().toMillis());
        connector.setAcceptQueueSize(1024);
        connector.addEventListener(guard);
        server.addConnector(connector);
        server.setHandler(new Routes());
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new IllegalStateException("Cannot listen for webhooks on port " + requestedPort + ": " + e.getMessage(), e);
        }
        log.info("webhook receiver listening on port {}", port());
    }

    /** Listen on loopback only: the desktop app's receiver serves just the local sandbox, never the network. */
    public WebhookReceiver loopbackOnly() {
        this.bindAddress = InetAddress.getLoopbackAddress();
        return this;
    }

    /** Called after each committed group of stored events, e.g. {@code receiver.onStored(poller::wake)} so processing starts at once. */
    public WebhookReceiver onStored(Runnable listener) {
        this.onStored = listener;
        return this;
    }

    /** Serves requests whose path starts with /api/ with {@code handler} (e.g. POST /api/automations/{id}/run). */
    public WebhookReceiver api(Handler handler) {
        this.api = handler;
        return this;
    }

    /** A field of {@code /healthz}'s JSON that does not decide health, e.g. {@code read_replica}: {@code json} gives its value. */
    public WebhookReceiver report(String field, java.util.function.Supplier<String> json) {
        reports.put(field, json);
        return this;
    }

    /** A worker whose liveness {@code /healthz} reports (and answers 503 without). */
    public WebhookReceiver watch(String worker, BooleanSupplier alive) {
        workers.put(worker, alive);
        return this;
    }

    /** The bound port (useful after asking for port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the webhook receiver is not running");
        }
        return connector.getLocalPort();
    }

    /** Stops gracefully, giving requests in flight up to five seconds. */
    public void stop() {
        stop(Duration.ofSeconds(5));
    }

    /** Stops accepting, lets requests in flight finish for up to {@code grace}, then stops. */
    public synchronized void stop(Duration grace) {
        if (server == null) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        connector.close(); // no new connections; those open finish what they are doing
        while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopQuietly();
        ingest.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        intake.close();
        server = null;
        connector = null;
        ingest = null;
        intake = null;
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("the webhook receiver did not stop cleanly: {}", e.toString());
        }
        guard.close();
    }

    /**
     * The one handler: routes by path and method. Declared blocking so Jetty runs it on a pool thread,
     * never on a selector: an unknown number may wait up to a second for the accounts to reload.
     */
    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Connection connection = request.getConnectionMetaData().getConnection();
            inFlight.incrementAndGet();
            guard.handling(connection, 0); // the headers are in; a body, if any, gets its own deadline below
            Exchange exchange = new Exchange(request, response, callback, connection);
            try {
                route(exchange);
            } catch (RuntimeException e) {
                log.error("webhook request failed", e);
                exchange.respond(500, "error");
            }
            return true;
        }
    }

    /** One request and its answer; answers at most once, then lets the connection wait for the next request. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final Connection connection;
        private boolean answered;

        Exchange(Request request, Response response, Callback callback, Connection connection) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.connection = connection;
        }

        void respond(int status, String text) {
            respond(status, "text/plain; charset=utf-8", text);
        }

        void respond(int status, String contentType, String text) {
            synchronized (this) {
                if (answered) {
                    return;
                }
                answered = true;
            }
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Callback.from(() -> {
                finish();
                callback.succeeded();
            }, failure -> {
                finish();
                callback.failed(failure);
            }));
        }

        /** The client went away or broke the request: nothing to answer. */
        /** Hands the request to another handler, which answers it; the connection's bookkeeping ends with its answer. */
        void delegate(Handler handler) throws Exception {
            synchronized (this) {
                answered = true;
            }
            handler.handle(request, response, Callback.from(() -> {
                finish();
                callback.succeeded();
            }, failure -> {
                finish();
                callback.failed(failure);
            }));
        }

        void abandon(Throwable failure) {
            synchronized (this) {
                if (answered) {
                    return;
                }
                answered = true;
            }
            finish();
            callback.failed(failure);
        }

        private void finish() {
            guard.answered(connection);
            inFlight.decrementAndGet();
        }
    }

    private void route(Exchange exchange) {
        Request request = exchange.request;
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (path.equals(HEALTH_PATH)) {
            if (method.equals("GET")) {
                ReceiverHealth.Report report = health.report();
                exchange.respond(report.healthy() ? 200 : 503, "application/json", report.json());
            } else {
                exchange.response.getHeaders().put(HttpHeader.ALLOW, "GET");
                exchange.respond(405, "method not allowed");
            }
            return;
        }
        Handler extra = api;
        if (extra != null && path.startsWith("/api/")) {
            try {
                exchange.delegate(extra);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (!path.equals(PATH) && !path.equals(PATH + "/")) {
            exchange.respond(404, "not found");
            return;
        }
        switch (method) {
            case "GET" -> handshake(exchange);
            case "POST" -> receive(exchange);
            default -> {
                exchange.response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
                exchange.respond(405, "method not allowed");
            }
        }
    }

    /** Meta's subscription check: echo hub.challenge when hub.verify_token matches a connected number's token. */
    private void handshake(Exchange exchange) {
        Map<String, String> query = query(exchange.request.getHttpURI().getQuery());
        String mode = query.get("hub.mode");
        String token = query.get("hub.verify_token");
        String challenge = query.get("hub.challenge");
        if (!"subscribe".equals(mode) || token == null || challenge == null || challenge.length() > 512 || !knownVerifyToken(token)) {
            exchange.respond(403, "forbidden");
            return;
        }
        exchange.respond(200, challenge);
    }

    private boolean knownVerifyToken(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (AccountCredentials account : accounts.all()) {
            // no early exit: the time taken does not reveal which account (if any) matched
            match |= MessageDigest.isEqual(account.verifyToken().getBytes(StandardCharsets.UTF_8), given);
        }
        return match;
    }

    private void receive(Exchange exchange) {
        long declared = exchange.request.getLength();
        if (declared > 4L * limits.maxBodyBytes()) {
            // far over the limit: not worth reading; the connection closes after the answer
            exchange.response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            exchange.respond(413, "payload too large");
            return;
        }
        guard.handling(exchange.connection, declared);
        new BodyReader(exchange, declared > limits.maxBodyBytes()).run();
    }

    /**
     * Reads the body as it arrives, chunk by chunk, without blocking: when nothing is there it asks
     * Jetty to call back ({@code demand}) and returns the thread. A body over the limit is read on and
     * thrown away (up to four times the limit), then refused with 413, so the client sees the answer
     * rather than a reset.
     */
    private final class BodyReader implements Runnable {
        private final Exchange exchange;
        private byte[] buffer;
        private int length;
        private long discarded;
        private boolean tooLarge;

        BodyReader(Exchange exchange, boolean tooLarge) {
            this.exchange = exchange;
            this.tooLarge = tooLarge;
            long declared = exchange.request.getLength();
            this.buffer = new byte[(int) Math.max(256, Math.min(declared < 0 ? 16 * 1024 : declared, limits.maxBodyBytes() + 1L))];
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = exchange.request.read();
                if (chunk == null) {
                    exchange.request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    exchange.abandon(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int n = bytes.remaining();
                if (!tooLarge && length + (long) n > limits.maxBodyBytes()) {
                    tooLarge = true;
                }
                if (tooLarge) {
                    discarded += n;
                } else {
                    if (length + n > buffer.length) {
                        buffer = Arrays.copyOf(buffer, (int) Math.min(limits.maxBodyBytes() + 1L, Math.max(length + n, buffer.length * 2L)));
                    }
                    bytes.get(buffer, length, n);
                    length += n;
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (tooLarge && (last || discarded > 4L * limits.maxBodyBytes())) {
                    guard.bodyRead(exchange.connection);
                    if (!last) {
                        exchange.response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                    }
                    exchange.respond(413, "payload too large");
                    return;
                }
                if (last) {
                    guard.bodyRead(exchange.connection);
                    received(exchange, length == buffer.length ? buffer : Arrays.copyOf(buffer, length));
                    return;
                }
            }
        }
    }

    /** The whole body is in: signature first, then store, then 200 — or the refusal. */
    private void received(Exchange exchange, byte[] body) {
        String signature = exchange.request.getHeaders().get(WebhookSignature.HEADER);
        if (signature == null || signature.isEmpty()) {
            exchange.respond(401, "missing " + WebhookSignature.HEADER);
            return;
        }
        if (!signedByAConnectedApp(body, signature)) {
            exchange.respond(403, "invalid signature");
            return;
        }
        CompletableFuture<Void> stored;
        try {
            stored = ingest.store(WebhookBody.of(body));
        } catch (RuntimeException e) {
            log.error("could not queue a verified webhook; Meta will retry it", e);
            exchange.respond(503, "try again");
            return;
        }
        stored.orTimeout(limits.storeTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
            if (failure == null) {
                exchange.respond(200, "EVENT_RECEIVED");
            } else {
                log.debug("a verified webhook was not stored ({}); answered 503 so Meta retries it", failure.toString());
                exchange.respond(503, "try again");
            }
        });
    }

    /**
     * The secrets of the connected numbers the body names must all verify the signature (Meta
     * signs with the one app secret); a body naming no connected number may be signed by any.
     */
    private boolean signedByAConnectedApp(byte[] body, String signature) {
        Set<String> named = new LinkedHashSet<>();
        Matcher m = PHONE_NUMBER_ID.matcher(new String(body, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            AccountCredentials account = accounts.byPhoneNumberId(m.group(1));
            if (account != null) {
                named.add(account.appSecret());
            }
        }
        if (!named.isEmpty()) {
            boolean all = true;
            for (String secret : named) {
                all &= WebhookSignature.verify(secret, body, signature);
            }
            return all;
        }
        Set<String> distinct = new LinkedHashSet<>();
        accounts.all().forEach(a -> distinct.add(a.appSecret()));
        boolean any = false;
        for (String secret : distinct) {
            any |= WebhookSignature.verify(secret, body, signature);
        }
        return any;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: ignore that parameter
            }
        }
        return out;
    }
}

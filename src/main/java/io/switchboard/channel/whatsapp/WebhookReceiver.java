package io.switchboard.channel.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.db.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's webhook endpoint, {@code /webhook}, on the JDK HTTP server. GET answers the verification
 * handshake; POST checks {@code X-Hub-Signature-256} over the raw bytes and stores the body
 * unparsed in {@code webhook_events} (status unprocessed), answering 200 only after that commit.
 * Concurrent requests share commits ({@link EventIngest}).
 * It never judges business meaning: the {@link EventPoller} does that later, so a body the parser
 * cannot read is still kept. Missing signature: 401; wrong or malformed: 403; body over the limit:
 * 413; nothing is stored in any of those cases.
 */
public final class WebhookReceiver {
    public static final String PATH = "/webhook";
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    private static final Logger log = LoggerFactory.getLogger(WebhookReceiver.class);
    // Only to find which account signed the body; no business parsing happens here.
    private static final Pattern PHONE_NUMBER_ID = Pattern.compile("\"phone_number_id\"\\s*:\\s*\"([0-9]{1,64})\"");

    static {
        // The JDK server writes response headers and body separately; with Nagle on, the body waits
        // for the client's delayed ACK (~40 ms per request). Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Database database;
    private final AccountCache accounts;
    private final int requestedPort;
    private final int threads;
    private final int maxBodyBytes;
    private HttpServer server;
    private ThreadPoolExecutor executor;
    private EventIngest ingest;
    private volatile Runnable onStored = () -> { };
    private volatile java.net.InetAddress bindAddress;

    /**
     * Request threads spend their time waiting for their group commit, which now includes an fsync
     * (durable commits): their number, not the CPUs, bounds how many webhooks share one commit.
     * With 8 a 1,000 req/s stream queued up behind 15 ms fsyncs; waiting threads cost little.
     */
    static final int DEFAULT_THREADS = 200;

    /** A receiver on {@code port} (0: any free port, see {@link #port()}), all interfaces, 1 MiB body limit. */
    public WebhookReceiver(Database database, AccountCache accounts, int port) {
        this(database, accounts, port, DEFAULT_THREADS, DEFAULT_MAX_BODY_BYTES);
    }

    public WebhookReceiver(Database database, AccountCache accounts, int port, int threads, int maxBodyBytes) {
        this.database = database;
        this.accounts = accounts;
        this.requestedPort = port;
        this.threads = threads;
        this.maxBodyBytes = maxBodyBytes;
    }

    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("the webhook receiver is already running");
        }
        try {
            InetSocketAddress address = bindAddress == null ? new InetSocketAddress(requestedPort) : new InetSocketAddress(bindAddress, requestedPort);
            server = HttpServer.create(address, 1024);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen for webhooks on port " + requestedPort + ": " + e.getMessage(), e);
        }
        ingest = new EventIngest(database, 2);
        AtomicInteger n = new AtomicInteger();
        // Bounded: when every thread is busy and the queue is full, the accepting thread runs the
        // request itself, which stops it accepting more — back pressure instead of unbounded memory.
        executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 64),
                r -> {
                    Thread t = new Thread(r, "webhook-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
        server.start();
        log.info("webhook receiver listening on port {}", port());
    }

    /** Listen on loopback only: the desktop app's receiver serves just the local sandbox, never the network. */
    public WebhookReceiver loopbackOnly() {
        this.bindAddress = java.net.InetAddress.getLoopbackAddress();
        return this;
    }

    /** Called after each stored event, e.g. {@code receiver.onStored(poller::wake)} so processing starts at once. */
    public WebhookReceiver onStored(Runnable listener) {
        this.onStored = listener;
        return this;
    }

    /** The bound port (useful after asking for port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the webhook receiver is not running");
        }
        return server.getAddress().getPort();
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
        server.stop((int) Math.max(0, Math.min(Integer.MAX_VALUE, grace.toSeconds())));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ingest.close(grace);
        server = null;
        executor = null;
        ingest = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                log.error("webhook request failed", e);
                try {
                    respond(exchange, 500, "error");
                } catch (IOException | RuntimeException ignored) {
                    // the response had already started; the client sees a broken reply and Meta retries
                }
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.equals(PATH) && !path.equals(PATH + "/")) {
            respond(exchange, 404, "not found");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> handshake(exchange);
            case "POST" -> receive(exchange);
            default -> {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                respond(exchange, 405, "method not allowed");
            }
        }
    }

    /** Meta's subscription check: echo hub.challenge when hub.verify_token matches a connected number's token. */
    private void handshake(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String mode = query.get("hub.mode");
        String token = query.get("hub.verify_token");
        String challenge = query.get("hub.challenge");
        if (!"subscribe".equals(mode) || token == null || challenge == null || challenge.length() > 512 || !knownVerifyToken(token)) {
            respond(exchange, 403, "forbidden");
            return;
        }
        respond(exchange, 200, challenge);
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

    private void receive(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && tooLong(declared)) {
            refuseTooLarge(exchange);
            return;
        }
        byte[] body = readAtMost(exchange.getRequestBody(), maxBodyBytes);
        if (body == null) {
            refuseTooLarge(exchange);
            return;
        }
        String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
        if (signature == null || signature.isEmpty()) {
            respond(exchange, 401, "missing " + WebhookSignature.HEADER);
            return;
        }
        if (!signedByAConnectedApp(body, signature)) {
            respond(exchange, 403, "invalid signature");
            return;
        }
        try {
            store(body);
        } catch (RuntimeException e) {
            log.error("could not store a verified webhook; Meta will retry it", e);
            respond(exchange, 503, "try again");
            return;
        }
        respond(exchange, 200, "EVENT_RECEIVED");
        onStored.run();
    }

    /**
     * Answers 413 after discarding a moderately oversized body: a client still sending when the
     * server answers sees a connection reset instead of the 413. A body far over the limit is not
     * read at all; that client gets the reset, which costs us nothing.
     */
    private void refuseTooLarge(HttpExchange exchange) throws IOException {
        try (var rest = exchange.getRequestBody()) {
            byte[] sink = new byte[8192];
            long budget = 4L * maxBodyBytes;
            int n;
            while (budget > 0 && (n = rest.read(sink, 0, (int) Math.min(sink.length, budget))) > 0) {
                budget -= n;
            }
        }
        respond(exchange, 413, "payload too large");
    }

    private boolean tooLong(String declared) {
        try {
            return Long.parseLong(declared.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the read below enforces the limit anyway
        }
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

    private void store(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\u0000') >= 0) {
            text = text.replace('\u0000', '\uFFFD'); // PostgreSQL text cannot hold NUL; keep the rest
        }
        ingest.store(text); // returns after commit
    }

    /** The whole stream, or null when it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] buffer = new byte[Math.min(limit + 1, 16 * 1024)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > limit) {
                    return null; // the server drains a little and then drops the connection
                }
                buffer = Arrays.copyOf(buffer, Math.min(limit + 1, buffer.length * 2));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                return length > limit ? null : Arrays.copyOf(buffer, length);
            }
            length += read;
        }
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

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}

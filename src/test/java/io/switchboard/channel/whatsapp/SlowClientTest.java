package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Idle and trickling connections cannot delay a signed webhook, and are closed at their deadlines;
 * one address cannot hold more than its share of connections. All over real sockets on loopback.
 */
class SlowClientTest {
    private InboundKit kit;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() {
        sockets.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed by the server
            }
        });
        kit.close();
    }

    @Test
    void fiftyIdleAndFiftyTricklingConnectionsDelayNoSignedWebhook() throws Exception {
        kit = new InboundKit().withReceiver();
        int port = kit.receiver().port();
        long opened = System.nanoTime();
        List<Socket> idle = new ArrayList<>();
        List<Socket> trickling = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            idle.add(open(port, null)); // connects and says nothing
            idle.add(open(port, "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")); // no body
            trickling.add(open(port, "POST /webhook HTTP/1.1\r\nHost: x\r\n")); // headers, a byte at a time below
            trickling.add(open(port, "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")); // body, a byte at a time
        }
        Thread trickler = new Thread(() -> trickle(trickling), "trickler");
        trickler.setDaemon(true);
        trickler.start();

        byte[] body = InboundKit.fixture("text.json").getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(InboundKit.APP_SECRET, body);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(16);
        ConcurrentLinkedQueue<String> late = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            inFlight.acquire();
            long sent = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(kit.webhookUri(null)).timeout(Duration.ofSeconds(5))
                    .header(WebhookSignature.HEADER, signature).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, failure) -> {
                inFlight.release();
                long millis = (System.nanoTime() - sent) / 1_000_000;
                if (failure != null || millis >= 1_000) {
                    late.add(failure != null ? failure.toString() : millis + " ms");
                }
                return failure == null ? r.statusCode() : -1;
            }));
        }
        CompletableFuture.allOf(answers.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        assertThat(answers).allSatisfy(a -> assertThat(a.join()).isEqualTo(200));
        assertThat(late).as("webhooks not answered within 1 s").isEmpty();
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events")).isEqualTo(1_000);

        // Each slow connection is closed by its deadline: 5 s for headers, 5 s + size / 64 KiB/s for a body.
        for (Socket s : idle) {
            assertClosedBy(s, opened, Duration.ofSeconds(8));
        }
        for (Socket s : trickling) {
            assertClosedBy(s, opened, Duration.ofSeconds(8));
        }
        trickler.interrupt();
        assertThat(kit.count("SELECT COUNT(*) FROM webhook_events")).as("nothing from the slow clients was stored").isEqualTo(1_000);
    }

    @Test
    void oneAddressCannotHoldMoreThanItsShareOfConnections() throws Exception {
        kit = new InboundKit();
        var receiver = new WebhookReceiver(kit.db, kit.cache, 0, IntakeLimits.defaults().withConnections(100, 5));
        receiver.start();
        try {
            int port = receiver.port();
            InetAddress other = InetAddress.getByName("127.0.0.2");
            List<Socket> fromOther = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Socket s = openFrom(other, port);
                fromOther.add(s);
                exchangeOne(s); // answered: the server has taken this connection in, so the next one is the sixth
            }
            Socket sixth = openFrom(other, port);
            long t0 = System.nanoTime();
            assertClosedBy(sixth, t0, Duration.ofSeconds(5));
            for (Socket s : fromOther) {
                assertStillOpen(s);
            }
            // Another address is not affected.
            byte[] body = InboundKit.fixture("text.json").getBytes(StandardCharsets.UTF_8);
            var request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + WebhookReceiver.PATH))
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(InboundKit.APP_SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            assertThat(kit.send(request).statusCode()).isEqualTo(200);
        } finally {
            receiver.stop(Duration.ZERO);
        }
    }

    private Socket open(int port, String firstBytes) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        sockets.add(s);
        if (firstBytes != null) {
            s.getOutputStream().write(firstBytes.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        }
        return s;
    }

    private Socket openFrom(InetAddress local, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        sockets.add(s);
        return s;
    }

    /** One GET on a kept-alive connection, its answer read to the end (the handshake refuses it: 403, "forbidden"). */
    private static void exchangeOne(Socket s) throws IOException {
        s.getOutputStream().write("GET /webhook HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("a connection within the cap was closed: " + head);
            }
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 403");
        int length = Integer.parseInt(head.toString().replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
        assertThat(in.readNBytes(length)).hasSize(length);
    }

    /** Writes one byte to each connection every 200 ms, as a slowloris client does, until the server closes it. */
    private static void trickle(List<Socket> trickling) {
        List<Socket> open = new ArrayList<>(trickling);
        while (!open.isEmpty() && !Thread.currentThread().isInterrupted()) {
            open.removeIf(s -> {
                try {
                    OutputStream out = s.getOutputStream();
                    out.write('x');
                    out.flush();
                    return false;
                } catch (IOException closed) {
                    return true;
                }
            });
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The server closed {@code s} (end of stream or reset) no later than {@code within} after {@code since}. */
    private static void assertClosedBy(Socket s, long since, Duration within) throws IOException {
        long left = within.toMillis() - (System.nanoTime() - since) / 1_000_000;
        s.setSoTimeout((int) Math.max(1, left));
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // a 408/400 answer before the close is fine; keep reading to the end
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server had not closed a slow connection " + within + " after it opened");
        } catch (IOException reset) {
            // closed with a reset: also closed
        }
        assertThat(System.nanoTime() - since).isLessThanOrEqualTo(within.toNanos());
    }

    private static void assertStillOpen(Socket s) throws IOException {
        s.setSoTimeout(300);
        try {
            int b = s.getInputStream().read();
            throw new AssertionError("a connection within the cap was closed (read " + b + ")");
        } catch (SocketTimeoutException expected) {
            // nothing to read, still open
        }
    }
}

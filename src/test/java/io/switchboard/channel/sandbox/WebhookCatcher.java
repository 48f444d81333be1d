package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.channel.whatsapp.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A plain HTTP endpoint that keeps every webhook body with its signature header, for tests of what the sandbox posts. */
public final class WebhookCatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Caught(byte[] body, String signature) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public JsonNode value() {
            return json().path("entry").path(0).path("changes").path(0).path("value");
        }

        public boolean signedWith(String appSecret) {
            return WebhookSignature.verify(appSecret, body, signature);
        }
    }

    private final HttpServer server;
    private final List<Caught> caught = new CopyOnWriteArrayList<>();

    public WebhookCatcher() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhook", exchange -> {
            try (exchange) {
                caught.add(new Caught(exchange.getRequestBody().readAllBytes(), exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
    }

    public List<Caught> caught() {
        return List.copyOf(caught);
    }

    /** Waits until {@code count} caught webhooks match, or the timeout passes; returns the matches. */
    public List<Caught> await(Predicate<Caught> which, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Caught> matching = caught.stream().filter(which).toList();
            if (matching.size() >= count || System.nanoTime() > deadline) {
                return matching;
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

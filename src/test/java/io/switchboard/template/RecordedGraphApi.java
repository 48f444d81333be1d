package io.switchboard.template;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A loopback HTTP server that answers Graph API requests with recorded Meta responses (JSON files under
 * src/test/resources/meta, written from Meta's documented examples), and keeps every request it got.
 */
final class RecordedGraphApi implements AutoCloseable {
    record Request(String method, String path, String query, String authorization) {
    }

    private record Rule(Predicate<Request> when, int status, String resource) {
    }

    private final HttpServer server;
    private final List<Rule> rules = new ArrayList<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    RecordedGraphApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Authorization"));
                requests.add(r);
                Rule rule;
                synchronized (rules) {
                    rule = rules.stream().filter(x -> x.when().test(r)).findFirst().orElse(null);
                }
                byte[] body = rule == null ? "{\"error\":{\"message\":\"no recording\",\"code\":1}}".getBytes() : read(rule.resource());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(rule == null ? 500 : rule.status(), body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        });
        server.start();
    }

    /** Answers requests matching {@code when} with the recorded file (first matching rule wins). */
    RecordedGraphApi answer(Predicate<Request> when, int status, String resource) {
        synchronized (rules) {
            rules.add(new Rule(when, status, resource));
        }
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v24.0";
    }

    static Predicate<Request> firstPage() {
        return r -> r.query() == null || !r.query().contains("after=");
    }

    static Predicate<Request> after(String cursor) {
        return r -> r.query() != null && r.query().contains("after=" + cursor);
    }

    private static byte[] read(String resource) {
        try (InputStream in = RecordedGraphApi.class.getResourceAsStream("/meta/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no recorded response " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's media endpoints, as Meta documents them: POST /{version}/{phone_number_id}/media (multipart
 * form: messaging_product, type, file → {"id"}; the supported types and size limits enforced with error
 * 131053), GET /{version}/{media_id} ({messaging_product, url, mime_type, sha256, file_size, id}; the url
 * expires after {@link #urlTtl()}), DELETE /{version}/{media_id} ({"success": true}), and the download URL
 * itself, which wants the number's Bearer token and answers 404 once expired. Media ids are global, as at
 * Meta; the number that owns one must ask for it.
 */
public final class SandboxMedia {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String DOWNLOAD_PATH = "/whatsapp_business/attachments/";
    private static final Pattern UPLOAD = Pattern.compile("^/(v\\d+\\.\\d+)/([^/]+)/media/?$");
    private static final Pattern OBJECT = Pattern.compile("^/(v\\d+\\.\\d+)/([0-9]+)/?$");
    private static final int MAX_UPLOAD = 100 * 1024 * 1024 + 64 * 1024;
    private static final Map<String, Long> LIMITS = limits();

    /** A file the sandbox holds: uploaded by a business or sent by a simulated customer. */
    public record Stored(String id, String phoneNumberId, byte[] bytes, String mimeType, String filename, String sha256Hex) {
    }

    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    private final Map<String, Instant> urlExpiry = new ConcurrentHashMap<>();
    private final AtomicInteger downloadFailures = new AtomicInteger();
    private volatile int downloadFailureStatus = 500;
    private volatile Duration urlTtl = Duration.ofMinutes(5);
    private final AtomicInteger downloads = new AtomicInteger();
    private final AtomicInteger urlRequests = new AtomicInteger();

    Duration urlTtl() {
        return urlTtl;
    }

    /** How long a URL from GET /{media_id} works (Meta: about five minutes). */
    public void setUrlTtl(Duration ttl) {
        this.urlTtl = ttl;
    }

    /** The next {@code count} downloads answer {@code status} with Meta's error body, as a flaky CDN would. */
    public void failNextDownloads(int count, int status) {
        downloadFailureStatus = status;
        downloadFailures.set(count);
    }

    public int downloads() {
        return downloads.get();
    }

    public int urlRequests() {
        return urlRequests.get();
    }

    public Optional<Stored> file(String id) {
        return Optional.ofNullable(files.get(id));
    }

    /** Holds a customer's file as Meta would after receiving it; returns its media id. */
    String hold(String phoneNumberId, byte[] bytes, String mimeType, String filename) {
        String id = newId();
        files.put(id, new Stored(id, phoneNumberId, bytes, mimeType, filename, HexFormat.of().formatHex(sha256(bytes))));
        return id;
    }

    /**
     * Answers the request when it is one of the media endpoints; false leaves it to the sandbox's other routes.
     * {@code tokenOf} gives a number's expected token (null: no such number); {@code kept} records the request.
     */
    boolean handle(HttpExchange exchange, Function<String, String> tokenOf, Consumer<ReceivedRequest> kept) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher upload = UPLOAD.matcher(path);
        Matcher object = OBJECT.matcher(path);
        Answer answer;
        JsonNode recorded = null;
        if (upload.matches() && method.equals("POST")) {
            String phoneNumberId = upload.group(2);
            String token = tokenOf.apply(phoneNumberId);
            if (token == null) {
                answer = new Answer(400, MetaErrors.error("Unsupported post request. Object with ID '" + phoneNumberId + "' does not exist", "GraphMethodException", 100, 33, null));
            } else if (!("Bearer " + token).equals(authorization)) {
                answer = unauthorized(authorization);
            } else {
                byte[] raw = exchange.getRequestBody().readNBytes(MAX_UPLOAD + 1);
                Multipart form = Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"), raw);
                recorded = form == null ? null : form.describe();
                answer = raw.length > MAX_UPLOAD ? new Answer(413, MetaErrors.invalid(131053, "Media upload error", "The file is larger than 100 MB."))
                        : upload(phoneNumberId, form);
            }
        } else if (object.matches() && files.containsKey(object.group(2)) && (method.equals("GET") || method.equals("DELETE"))) {
            answer = object(method, files.get(object.group(2)), tokenOf, authorization, exchange);
        } else if (path.equals(DOWNLOAD_PATH) && method.equals("GET")) {
            answer = download(exchange.getRequestURI().getRawQuery(), tokenOf, authorization);
        } else {
            return false;
        }
        kept.accept(new ReceivedRequest(method, path, authorization, recorded, answer.status()));
        if (answer.bytes() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.bytes().length == 0 ? -1 : answer.bytes().length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(answer.bytes());
            }
        } else {
            byte[] out = JSON.writeValueAsBytes(answer.json());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
        return true;
    }

    private record Answer(int status, JsonNode json, byte[] bytes, String contentType) {
        Answer(int status, JsonNode json) {
            this(status, json, null, null);
        }
    }

    private Answer upload(String phoneNumberId, Multipart form) {
        if (form == null) {
            return new Answer(400, MetaErrors.invalid(100, "Invalid parameter", "The request must be multipart/form-data with a boundary."));
        }
        if (!"whatsapp".equals(form.text("messaging_product"))) {
            return new Answer(400, MetaErrors.invalid(100, "Invalid parameter", "The parameter messaging_product is required and must be whatsapp."));
        }
        Multipart.Part file = form.part("file");
        if (file == null || file.filename() == null) {
            return new Answer(400, MetaErrors.invalid(100, "Invalid parameter", "The parameter file is required."));
        }
        String type = form.text("type");
        if (type == null) {
            type = file.contentType();
        }
        if (type == null) {
            return new Answer(400, MetaErrors.invalid(100, "Invalid parameter", "The parameter type is required."));
        }
        String base = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        Long limit = LIMITS.get(base);
        if (limit == null) {
            return new Answer(400, MetaErrors.invalid(131053, "Media upload error", "Unsupported media type " + base + "."));
        }
        if (file.bytes().length == 0) {
            return new Answer(400, MetaErrors.invalid(131053, "Media upload error", "The file is empty."));
        }
        if (file.bytes().length > limit) {
            return new Answer(400, MetaErrors.invalid(131053, "Media upload error", "The file is " + file.bytes().length + " bytes; " + base
                    + " files may have at most " + limit + " bytes."));
        }
        String id = hold(phoneNumberId, file.bytes(), type, file.filename());
        ObjectNode ok = JSON.createObjectNode();
        ok.put("id", id);
        return new Answer(200, ok);
    }

    private Answer object(String method, Stored f, Function<String, String> tokenOf, String authorization, HttpExchange exchange) {
        String token = tokenOf.apply(f.phoneNumberId());
        if (token == null || !("Bearer " + token).equals(authorization)) {
            return unauthorized(authorization);
        }
        if (method.equals("DELETE")) {
            files.remove(f.id());
            ObjectNode ok = JSON.createObjectNode();
            ok.put("success", true);
            return new Answer(200, ok);
        }
        urlRequests.incrementAndGet();
        String nonce = newId();
        Instant expires = Instant.now().plus(urlTtl);
        urlExpiry.put(nonce, expires);
        String host = exchange.getLocalAddress().getAddress().getHostAddress();
        ObjectNode info = JSON.createObjectNode();
        info.put("messaging_product", "whatsapp");
        info.put("url", "http://" + host + ":" + exchange.getLocalAddress().getPort() + DOWNLOAD_PATH + "?mid=" + f.id() + "&ext="
                + expires.getEpochSecond() + "&hash=" + nonce);
        info.put("mime_type", f.mimeType());
        info.put("sha256", f.sha256Hex());
        info.put("file_size", f.bytes().length);
        info.put("id", f.id());
        return new Answer(200, info);
    }

    private Answer download(String query, Function<String, String> tokenOf, String authorization) {
        Map<String, String> q = query(query);
        Stored f = files.get(q.getOrDefault("mid", ""));
        Instant expires = urlExpiry.get(q.getOrDefault("hash", ""));
        if (f == null || expires == null) {
            return new Answer(404, MetaErrors.error("Media not found", "OAuthException", 100, 33, null));
        }
        String token = tokenOf.apply(f.phoneNumberId());
        if (token == null || !("Bearer " + token).equals(authorization)) {
            return unauthorized(authorization);
        }
        if (Instant.now().isAfter(expires)) {
            return new Answer(404, MetaErrors.error("URL signature expired", "OAuthException", 190, null, null));
        }
        if (downloadFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Answer(downloadFailureStatus, MetaErrors.error("An unexpected error has occurred. Please retry your request later.", "OAuthException", 2, null, null));
        }
        downloads.incrementAndGet();
        return new Answer(200, null, f.bytes(), f.mimeType());
    }

    private static Answer unauthorized(String authorization) {
        return new Answer(401, MetaErrors.error(authorization == null ? "An active access token must be used to query information about the current user."
                : "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, null, null));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, Long> limits() {
        Map<String, Long> m = new LinkedHashMap<>();
        long mb = 1024L * 1024;
        for (String t : new String[] {"audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"}) {
            m.put(t, 16 * mb);
        }
        for (String t : new String[] {"text/plain", "application/pdf", "application/vnd.ms-powerpoint", "application/msword", "application/vnd.ms-excel",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}) {
            m.put(t, 100 * mb);
        }
        m.put("image/jpeg", 5 * mb);
        m.put("image/png", 5 * mb);
        m.put("image/webp", 500 * 1024L);
        m.put("video/mp4", 16 * mb);
        m.put("video/3gpp", 16 * mb);
        return m;
    }

    static String newId() {
        // Meta's media ids are long decimal numbers.
        StringBuilder s = new StringBuilder().append(1 + RANDOM.nextInt(9));
        for (int i = 0; i < 15; i++) {
            s.append(RANDOM.nextInt(10));
        }
        return s.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash as Meta's webhooks carry it (base64 of the digest). */
    static String webhookSha256(byte[] bytes) {
        return Base64.getEncoder().encodeToString(sha256(bytes));
    }

    /** A multipart/form-data body, parsed just enough to check Meta's three fields. */
    record Multipart(Map<String, Part> parts) {
        record Part(String name, String filename, String contentType, byte[] bytes) {
        }

        String text(String name) {
            Part p = parts.get(name);
            return p == null ? null : new String(p.bytes(), StandardCharsets.UTF_8).strip();
        }

        Part part(String name) {
            return parts.get(name);
        }

        /** What arrived, for tests that check the request's shape: each part's name, filename, type and size. */
        JsonNode describe() {
            ObjectNode root = JSON.createObjectNode();
            parts.forEach((name, p) -> {
                ObjectNode n = root.putObject(name);
                if (p.filename() != null) {
                    n.put("filename", p.filename());
                }
                if (p.contentType() != null) {
                    n.put("content_type", p.contentType());
                }
                n.put("size", p.bytes().length);
                if (p.filename() == null) {
                    n.put("value", new String(p.bytes(), StandardCharsets.UTF_8));
                }
            });
            return root;
        }

        static Multipart parse(String contentType, byte[] raw) {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                return null;
            }
            Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
            if (!b.find()) {
                return null;
            }
            // ISO-8859-1 maps every byte to one char and back, so the file's bytes survive the string search.
            String body = new String(raw, StandardCharsets.ISO_8859_1);
            String delimiter = "--" + b.group(1);
            Map<String, Part> parts = new LinkedHashMap<>();
            int at = body.indexOf(delimiter);
            while (at >= 0) {
                int start = at + delimiter.length();
                if (body.startsWith("--", start)) {
                    break;
                }
                int headersEnd = body.indexOf("\r\n\r\n", start);
                int next = body.indexOf("\r\n" + delimiter, headersEnd < 0 ? start : headersEnd);
                if (headersEnd < 0 || next < 0) {
                    return null;
                }
                String headers = body.substring(start, headersEnd);
                Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
                Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
                Matcher type = Pattern.compile("(?i)content-type:\\s*([^\\r\\n]+)").matcher(headers);
                if (name.find()) {
                    parts.put(name.group(1), new Part(name.group(1), filename.find() ? filename.group(1) : null, type.find() ? type.group(1).strip() : null,
                            body.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1)));
                }
                at = next + 2;
            }
            return new Multipart(parts);
        }
    }

}

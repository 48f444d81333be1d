package io.switchboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Meta's media endpoints: GET {base}/{media_id} (a download URL that expires after about five minutes,
 * with mime_type, sha256 and file_size), GET {url} with the Bearer token (the bytes), and
 * POST {base}/{phone_number_id}/media (multipart: messaging_product, type, file → {"id"}). Every read has a
 * deadline: headers within the request timeout, a whole body within {@code bodyDeadline}.
 */
public final class MediaApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "media-http-deadline");
        t.setDaemon(true);
        return t;
    });

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration bodyDeadline;

    public MediaApi(Duration connectTimeout, Duration requestTimeout, Duration bodyDeadline) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
        this.bodyDeadline = bodyDeadline;
    }

    public MediaApi() {
        this(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** Why a call did not succeed; {@code retryable} says whether trying again later may help. */
    public static final class MediaApiException extends Exception {
        private final boolean retryable;

        MediaApiException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    /** What GET /{media_id} answered. */
    public record MediaUrl(String url, String mimeType, String sha256, long fileSize) {
    }

    /** The downloaded bytes in a temporary file (the caller deletes it), with their hash and size. */
    public record Downloaded(Path file, String sha256Hex, long size) {
    }

    public MediaUrl retrieveUrl(String apiBaseUrl, String mediaId, String phoneNumberId, String accessToken) throws MediaApiException {
        URI uri = URI.create(base(apiBaseUrl) + encode(mediaId) + "?phone_number_id=" + encode(phoneNumberId));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), "retrieving the media URL");
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw graphError("Retrieving the media URL", response.statusCode(), body);
        }
        if (body == null || !body.path("url").isTextual()) {
            throw new MediaApiException("Meta answered HTTP " + response.statusCode() + " without a media url", true);
        }
        long size = body.path("file_size").asLong(-1);
        return new MediaUrl(body.get("url").asText(), body.path("mime_type").asText(null), body.path("sha256").asText(null), size);
    }

    /** Downloads {@code url} into a temporary file, refusing more than {@code maxBytes}; the token goes in the header. */
    public Downloaded download(String url, String accessToken, long maxBytes) throws MediaApiException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new MediaApiException("Meta gave a media URL that is not a URL", false);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new MediaApiException("Meta gave a media URL that is not http(s)", false);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Authorization", "Bearer " + accessToken).GET().build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream(), "downloading the media");
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                byte[] head = in.readNBytes(64 * 1024);
                throw graphError("Downloading the media", response.statusCode(), parse(head));
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new MediaApiException("The file is " + MediaSizes.human(declared) + ", more than WhatsApp's limit of " + MediaSizes.human(maxBytes), false);
            }
            return copyBounded(in, maxBytes);
        } catch (IOException e) {
            throw new MediaApiException("The download broke off: " + e.getMessage(), true);
        }
    }

    private Downloaded copyBounded(InputStream in, long maxBytes) throws IOException, MediaApiException {
        Path file = Files.createTempFile("switchboard-media-", ".part");
        // A peer that sends headers and then stalls must not hold the worker for ever.
        ScheduledFuture<?> deadline = WATCHDOG.schedule(() -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all the watchdog can do
            }
        }, bodyDeadline.toMillis(), TimeUnit.MILLISECONDS);
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            MessageDigest digest = MediaLibrary.sha256();
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new MediaApiException("The file is more than WhatsApp's limit of " + MediaSizes.human(maxBytes), false);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            kept = true;
            return new Downloaded(file, HexFormat.of().formatHex(digest.digest()), size);
        } finally {
            deadline.cancel(false);
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Uploads a file as Meta's form: messaging_product=whatsapp, type={mime}, file (with its name and type).
     * {@code sent} is told how many bytes of the file went out so far.
     */
    public String upload(String apiBaseUrl, String phoneNumberId, String accessToken, Supplier<InputStream> content, long size,
                         String mimeType, String filename, java.util.function.LongConsumer sent) throws MediaApiException {
        String boundary = "----switchboard" + UUID.randomUUID().toString().replace("-", "");
        String safeName = filename == null || filename.isBlank() ? "file" : filename.replaceAll("[\"\\r\\n\\\\]", "_");
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"type\"\r\n\r\n" + mimeType + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + safeName + "\"\r\n"
                + "Content-Type: " + mimeType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher file = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new CountingInputStream(content.get(), sent)), size);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(apiBaseUrl) + encode(phoneNumberId) + "/media"))
                .timeout(requestTimeout.plus(bodyDeadline))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), file, HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), "uploading the file");
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw graphError("Uploading the file", response.statusCode(), body);
        }
        if (body == null || !body.path("id").isTextual() || body.get("id").asText().isBlank()) {
            throw new MediaApiException("Meta answered the upload with HTTP " + response.statusCode() + " but no media id", true);
        }
        return body.get("id").asText();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) throws MediaApiException {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new MediaApiException("No answer while " + what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaApiException("Interrupted while " + what, true);
        }
    }

    /**
     * Meta's error as a sentence. Throttling, server faults, an expired download URL (404/403/410 on the
     * URL: the next attempt asks for a fresh one) and token trouble are worth retrying; a media id Meta does
     * not know (code 100) or a file it refuses is not.
     */
    static MediaApiException graphError(String what, int status, JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        Integer code = error != null && error.path("code").canConvertToInt() ? error.path("code").asInt() : null;
        String message = error == null ? null : error.path("message").asText(null);
        String details = error == null ? null : error.path("error_data").path("details").asText(null);
        StringBuilder s = new StringBuilder(what).append(": Meta answered HTTP ").append(status);
        if (code != null) {
            s.append(", error ").append(code);
        }
        if (message != null) {
            s.append(": ").append(message);
        }
        if (details != null && !details.equals(message)) {
            s.append(" (").append(details).append(')');
        }
        boolean permanent = (code != null && (code == 100 || code == 131053 || code == 131052)) || status == 413 || status == 415;
        return new MediaApiException(s.toString(), !permanent);
    }

    private static String base(String apiBaseUrl) {
        return apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Reports bytes read, so an upload's progress can be shown. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private final java.util.function.LongConsumer sent;
        private long count;

        CountingInputStream(InputStream in, java.util.function.LongConsumer sent) {
            super(in);
            this.sent = sent;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                sent.accept(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                sent.accept(count);
            }
            return n;
        }
    }
}

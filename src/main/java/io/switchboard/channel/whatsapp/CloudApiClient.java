package io.switchboard.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Cloud API over HTTP: POST {base}/{phone_number_id}/messages with a Bearer token, and
 * GET {base}/{phone_number_id} for "Test connection". The same code talks to Meta and to the
 * sandbox; only the base URL differs. Tokens go in the header only, never into a message.
 */
public final class CloudApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final Duration requestTimeout;

    public CloudApiClient(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    public CloudApiClient() {
        this(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Sends one message body (Meta's JSON); completes normally with the outcome, never exceptionally. */
    public CompletableFuture<CloudApiResponse> sendMessage(String apiBaseUrl, String phoneNumberId, String accessToken, byte[] json) {
        HttpRequest request = request(apiBaseUrl, phoneNumberId + "/messages", accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(CloudApiClient::interpretSend)
                .exceptionally(CloudApiClient::unreachable);
    }

    /** GET {base}/{phone_number_id}: the number's profile as Meta (or the sandbox) reports it. */
    public PhoneNumberInfo phoneNumberInfo(String apiBaseUrl, String phoneNumberId, String accessToken) {
        HttpRequest request = request(apiBaseUrl, phoneNumberId, accessToken).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = parse(response.body());
            if (response.statusCode() / 100 == 2 && body != null) {
                return new PhoneNumberInfo(true, response.statusCode(), text(body, "display_phone_number"), text(body, "verified_name"),
                        text(body, "quality_rating"), "Connected: " + text(body, "verified_name") + " (" + text(body, "display_phone_number") + ")");
            }
            CloudApiResponse.Rejected rejected = rejected(response.statusCode(), body);
            return new PhoneNumberInfo(false, response.statusCode(), null, null, null,
                    "Meta answered HTTP " + response.statusCode() + (rejected.code() == null ? "" : ", error " + rejected.code())
                            + (rejected.message() == null ? "" : ": " + rejected.message()));
        } catch (IOException e) {
            return new PhoneNumberInfo(false, 0, null, null, null, "No answer from " + apiBaseUrl + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PhoneNumberInfo(false, 0, null, null, null, "Interrupted");
        }
    }

    /**
     * One synchronous Graph API call for the WhatsApp Business Management API (templates): {@code method} on
     * {base}/{pathAndQuery} with the Bearer token and an optional JSON body. Never throws for HTTP or network
     * trouble: the reply says what happened, with Meta's error code and message when it sent one.
     */
    public GraphReply call(String method, String apiBaseUrl, String pathAndQuery, String accessToken, byte[] json) {
        HttpRequest.Builder builder = request(apiBaseUrl, pathAndQuery, accessToken);
        if (json != null) {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = parse(response.body());
            boolean unreadable = body == null && response.body() != null && response.body().length > 0;
            return new GraphReply(response.statusCode(), body, null, unreadable, response.statusCode() / 100 == 2 ? null : rejected(response.statusCode(), body));
        } catch (IOException e) {
            return new GraphReply(0, null, "No answer from " + apiBaseUrl + ": " + describe(e), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GraphReply(0, null, "Interrupted while waiting for " + apiBaseUrl, false, null);
        }
    }

    /**
     * What one Graph API call came to. {@code noAnswer} is set when nothing came back (refused, reset, timed
     * out); {@code unreadable} when the body was not JSON; {@code error} holds Meta's error for a non-2xx.
     */
    public record GraphReply(int httpStatus, JsonNode body, String noAnswer, boolean unreadable, CloudApiResponse.Rejected error) {
        public boolean ok() {
            return noAnswer == null && httpStatus / 100 == 2 && body != null;
        }

        /** One sentence for the user: why this call did not succeed. */
        public String problem() {
            if (noAnswer != null) {
                return noAnswer;
            }
            if (httpStatus / 100 == 2) {
                return unreadable ? "Meta answered HTTP " + httpStatus + " with a body that is not JSON" : "Meta answered HTTP " + httpStatus + " without a body";
            }
            StringBuilder s = new StringBuilder("Meta answered HTTP " + httpStatus);
            if (error != null && error.code() != null) {
                s.append(", error ").append(error.code());
            }
            if (error != null && error.message() != null) {
                s.append(": ").append(error.message());
            }
            if (error != null && error.details() != null) {
                s.append(" (").append(error.details()).append(")");
            }
            // Template review errors carry their explanation for people here.
            JsonNode userMessage = body == null ? null : body.path("error").get("error_user_msg");
            if (userMessage != null && userMessage.isTextual() && !userMessage.asText().isBlank()) {
                s.append(" — ").append(userMessage.asText());
            }
            return s.toString();
        }
    }

    /** The outcome of "Test connection". {@code summary} is a sentence for the dialog. */
    public record PhoneNumberInfo(boolean ok, int httpStatus, String displayPhoneNumber, String verifiedName, String qualityRating, String summary) {
    }

    private HttpRequest.Builder request(String apiBaseUrl, String path, String accessToken) {
        String base = apiBaseUrl.endsWith("/") ? apiBaseUrl : apiBaseUrl + "/";
        URI uri = URI.create(base + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json");
        // Meta speaks HTTP/2 over TLS; a plain-HTTP peer (the sandbox) gets HTTP/1.1 without an h2c upgrade dance.
        return builder.version("http".equals(uri.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2);
    }

    static CloudApiResponse interpretSend(HttpResponse<byte[]> response) {
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            JsonNode id = body == null ? null : body.path("messages").path(0).path("id");
            if (id != null && id.isTextual() && !id.asText().isBlank()) {
                return new CloudApiResponse.Accepted(id.asText());
            }
            // A 2xx without a wamid is not an acceptance we can track; treat it like a server fault.
            return new CloudApiResponse.Rejected(response.statusCode(), null, "HTTP " + response.statusCode() + " without messages[0].id", null);
        }
        return rejected(response.statusCode(), body);
    }

    private static CloudApiResponse.Rejected rejected(int status, JsonNode body) {
        JsonNode error = body == null ? null : body.get("error");
        if (error == null || !error.isObject()) {
            return new CloudApiResponse.Rejected(status, null, null, null);
        }
        Integer code = error.path("code").canConvertToInt() ? error.path("code").asInt() : null;
        String details = error.path("error_data").path("details").isTextual() ? error.path("error_data").path("details").asText() : null;
        return new CloudApiResponse.Rejected(status, code, text(error, "message"), details);
    }

    private static CloudApiResponse unreachable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return new CloudApiResponse.Unreachable(describe(cause));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

package io.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MediaApi read against Meta's answers as Meta documents and sends them (bodies recorded from the Cloud API
 * reference and real error replies), served verbatim over real HTTP: file_size as a string, Meta's error
 * envelope for an unsupported upload and for an id that does not exist, the CDN's 404 for an expired URL.
 */
class RecordedMetaMediaTest {
    private static final String RETRIEVED = """
            {"messaging_product":"whatsapp","url":"%s/whatsapp_business/attachments/?mid=2621233374848975&ext=1734567890&hash=ATuX","mime_type":"image/jpeg",\
            "sha256":"81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3","file_size":"303833","id":"2621233374848975"}""";
    private static final String UPLOADED = "{\"id\":\"1037543291543636\"}";
    private static final String UNSUPPORTED = """
            {"error":{"message":"(#131053) Media upload error","type":"OAuthException","code":131053,\
            "error_data":{"messaging_product":"whatsapp","details":"Unsupported file type application/zip"},"fbtrace_id":"A8Yq0n3k5m"}}""";
    private static final String NO_SUCH_OBJECT = """
            {"error":{"message":"Unsupported get request. Object with ID '999' does not exist, cannot be loaded due to missing permissions, \
            or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",\
            "type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AZ3b9"}}""";

    private final HttpServer server;
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private final List<String> uploadContentTypes = new ArrayList<>();
    private final MediaApi api = new MediaApi(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));

    RecordedMetaMediaTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
                if (key.endsWith("/media")) {
                    uploadContentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                }
                exchange.getRequestBody().readAllBytes();
                String[] answer = answers.getOrDefault(key, new String[] {"404", "{}"});
                byte[] body = answer[1].formatted(base()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void metasDocumentedAnswersAreRead() throws Exception {
        answers.put("GET /v24.0/2621233374848975", new String[] {"200", RETRIEVED});
        answers.put("POST /v24.0/106540352242922/media", new String[] {"200", UPLOADED});
        MediaApi.MediaUrl url = api.retrieveUrl(base() + "/v24.0", "2621233374848975", "106540352242922", "EAAtoken");
        assertThat(url.fileSize()).as("Meta sends file_size as a string").isEqualTo(303_833);
        assertThat(url.mimeType()).isEqualTo("image/jpeg");
        assertThat(url.url()).startsWith(base() + "/whatsapp_business/attachments/?mid=");

        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        String id = api.upload(base() + "/v24.0", "106540352242922", "EAAtoken", () -> new ByteArrayInputStream(png), png.length, "image/png", "a.png", n -> { });
        assertThat(id).isEqualTo("1037543291543636");
        assertThat(uploadContentTypes.get(0)).startsWith("multipart/form-data; boundary=");
    }

    @Test
    void metasErrorsSayWhatWentWrongAndWhetherToRetry() {
        answers.put("POST /v24.0/106540352242922/media", new String[] {"400", UNSUPPORTED});
        answers.put("GET /v24.0/999", new String[] {"400", NO_SUCH_OBJECT});
        answers.put("GET /whatsapp_business/attachments/", new String[] {"404", "{}"});
        byte[] zip = {'P', 'K', 3, 4};
        assertThatThrownBy(() -> api.upload(base() + "/v24.0", "106540352242922", "EAAtoken", () -> new ByteArrayInputStream(zip), zip.length,
                "application/zip", "a.zip", n -> { })).isInstanceOfSatisfying(MediaApi.MediaApiException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Uploading the file: Meta answered HTTP 400, error 131053: (#131053) Media upload error"
                            + " (Unsupported file type application/zip)");
                    assertThat(e.retryable()).isFalse();
                });
        assertThatThrownBy(() -> api.retrieveUrl(base() + "/v24.0", "999", "106540352242922", "EAAtoken"))
                .isInstanceOfSatisfying(MediaApi.MediaApiException.class, e -> {
                    assertThat(e.getMessage()).contains("error 100").contains("does not exist");
                    assertThat(e.retryable()).as("an id Meta does not know stays unknown").isFalse();
                });
        assertThatThrownBy(() -> api.download(base() + "/whatsapp_business/attachments/?mid=1&ext=1&hash=x", "EAAtoken", 1000))
                .isInstanceOfSatisfying(MediaApi.MediaApiException.class, e -> {
                    assertThat(e.getMessage()).contains("HTTP 404");
                    assertThat(e.retryable()).as("an expired URL: the next attempt asks for a fresh one").isTrue();
                });
    }
}

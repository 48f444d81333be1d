package io.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.channel.sandbox.ReceivedRequest;
import io.switchboard.channel.sandbox.SampleMedia;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.delivery.OutboundFixture;
import io.switchboard.delivery.OutboxSender;
import io.switchboard.delivery.OutboxService;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaSendTest {
    private static final String CUSTOMER = "+5511955501234";
    private final OutboundFixture f = new OutboundFixture();
    private final MediaLibrary library = new MediaLibrary(f.db);
    private final MediaApi api = new MediaApi(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        f.close();
    }

    private OutboxSender sender() {
        return new OutboxSender(f.db, f.accounts(), new CloudApiClient(Duration.ofSeconds(2), Duration.ofSeconds(5)), OutboundFixture.quickOptions(),
                new MediaUploads(f.db, library, api, Duration.ofSeconds(10)));
    }

    private List<ReceivedRequest> requests(String suffix) {
        return f.sandbox.requests().stream().filter(r -> r.path().endsWith(suffix)).toList();
    }

    @Test
    void aFileIsUploadedAsMetasMultipartFormAndSentByItsId() throws Exception {
        f.contactWhoWrote(CUSTOMER, 5);
        Path pdf = dir.resolve("Quote 77.pdf");
        byte[] bytes = SampleMedia.invoice("q.pdf", List.of("Quote 77")).bytes();
        Files.write(pdf, bytes);
        MediaOutbox outbox = new MediaOutbox(library, new OutboxService(f.db));
        UUID first = outbox.sendTo(f.tenantId, CUSTOMER, pdf, "Here is the quote").messageId();

        assertThat(sender().processBatch()).isEqualTo(1);

        assertThat(f.row(first).get("status")).isEqualTo("sent");
        assertThat(UploadProgress.ofThisProcess().of(first)).as("forgotten once the upload is over").isEmpty();
        ReceivedRequest upload = requests("/media").get(0);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.path()).isEqualTo("/v24.0/" + OutboundFixture.PHONE_NUMBER_ID + "/media");
        JsonNode form = upload.body();
        assertThat(form.path("messaging_product").path("value").asText()).isEqualTo("whatsapp");
        assertThat(form.path("type").path("value").asText()).isEqualTo("application/pdf");
        assertThat(form.path("file").path("filename").asText()).isEqualTo("Quote 77.pdf");
        assertThat(form.path("file").path("content_type").asText()).isEqualTo("application/pdf");
        assertThat(form.path("file").path("size").asLong()).isEqualTo(bytes.length);

        JsonNode sent = requests("/messages").get(0).body();
        String mediaId = sent.path("document").path("id").asText();
        assertThat(sent.path("type").asText()).isEqualTo("document");
        assertThat(sent.path("document").path("filename").asText()).isEqualTo("Quote 77.pdf");
        assertThat(sent.path("document").path("caption").asText()).isEqualTo("Here is the quote");
        assertThat(f.sandbox.media().file(mediaId)).hasValueSatisfying(file -> assertThat(file.bytes()).isEqualTo(bytes));

        // The same file again (another message, or a retry) reuses Meta's id: nothing is uploaded twice.
        UUID second = outbox.sendTo(f.tenantId, CUSTOMER, pdf, null).messageId();
        sender().processBatch();
        assertThat(f.row(second).get("status")).isEqualTo("sent");
        assertThat(requests("/media")).hasSize(1);
        assertThat(requests("/messages").get(1).body().path("document").path("id").asText()).isEqualTo(mediaId);
    }

    @Test
    void aFailedUploadIsRetriedLikeAFailedSend() throws Exception {
        f.contactWhoWrote(CUSTOMER, 5);
        Path photo = dir.resolve("parcel.jpg");
        Files.write(photo, SampleMedia.photo("Parcel", true).bytes());
        UUID id = new MediaOutbox(library, new OutboxService(f.db)).sendTo(f.tenantId, CUSTOMER, photo, null).messageId();
        // The token Meta stops accepting: the upload fails with 401, which a renewed token fixes.
        f.execute("UPDATE whatsapp_accounts SET access_token_enc = ?", f.secrets.encrypt("EAAexpired"));

        sender().processBatch();

        assertThat(f.row(id).get("status")).isEqualTo("queued");
        assertThat((String) f.row(id).get("error_detail")).contains("HTTP 401").contains("Attempt 1 of 4 failed; trying again");
        assertThat(requests("/messages")).isEmpty();

        f.execute("UPDATE whatsapp_accounts SET access_token_enc = ?", f.secrets.encrypt(f.accessToken));
        f.makeRetriesDue();
        sender().processBatch();
        assertThat(f.row(id).get("status")).isEqualTo("sent");
        assertThat(requests("/messages").get(0).body().path("type").asText()).isEqualTo("image");
    }

    @Test
    void theSandboxRefusesUploadsAsMetaDoes() throws Exception {
        String base = f.sandbox.baseUrl();
        String number = OutboundFixture.PHONE_NUMBER_ID;
        byte[] zip = {'P', 'K', 3, 4, 0, 0};
        assertThatThrownBy(() -> api.upload(base, number, f.accessToken, () -> new ByteArrayInputStream(zip), zip.length, "application/zip", "a.zip", n -> { }))
                .isInstanceOfSatisfying(MediaApi.MediaApiException.class, e -> {
                    assertThat(e.getMessage()).contains("131053").contains("Unsupported media type application/zip");
                    assertThat(e.retryable()).isFalse();
                });
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        assertThatThrownBy(() -> api.upload(base, number, f.accessToken, () -> new ByteArrayInputStream(big), big.length, "image/png", "a.png", n -> { }))
                .isInstanceOfSatisfying(MediaApi.MediaApiException.class, e -> assertThat(e.getMessage()).contains("131053").contains("at most 5242880 bytes"));
        assertThatThrownBy(() -> api.upload(base, number, "EAAwrong", () -> new ByteArrayInputStream(zip), zip.length, "image/png", "a.png", n -> { }))
                .isInstanceOfSatisfying(MediaApi.MediaApiException.class, e -> {
                    assertThat(e.getMessage()).contains("HTTP 401").contains("190").doesNotContain("EAAwrong");
                    assertThat(e.retryable()).isTrue();
                });
        // A form without messaging_product, as a hand-written client might send it.
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/" + number + "/media"))
                .header("Authorization", "Bearer " + f.accessToken).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("messaging_product").contains("\"code\":100");

        // What Meta answers an upload, and GET /{media_id} for it: a download URL that wants the token.
        byte[] png = SampleMedia.photo("ok", false).bytes();
        List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        String id = api.upload(base, number, f.accessToken, () -> new ByteArrayInputStream(png), png.length, "image/png", "ok.png", progress::add);
        assertThat(progress).as("bytes sent, reported as they go").isSorted().last().isEqualTo((long) png.length);
        MediaApi.MediaUrl url = api.retrieveUrl(base, id, number, f.accessToken);
        assertThat(url.mimeType()).isEqualTo("image/png");
        assertThat(url.fileSize()).isEqualTo(png.length);
        assertThat(MediaDownloadWorker.sameHash(url.sha256(), api.download(url.url(), f.accessToken, 10_000_000).sha256Hex())).isTrue();
        assertThatThrownBy(() -> api.download(url.url(), "EAAwrong", 10_000_000)).isInstanceOfSatisfying(MediaApi.MediaApiException.class,
                e -> assertThat(e.getMessage()).contains("HTTP 401"));
        assertThatThrownBy(() -> api.retrieveUrl(base, "999999999", number, f.accessToken)).isInstanceOf(MediaApi.MediaApiException.class);
    }
}

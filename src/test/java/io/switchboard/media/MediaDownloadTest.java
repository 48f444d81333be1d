package io.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.sandbox.SampleMedia;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MediaDownloadTest {
    private final MediaFixture f = new MediaFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aPhotoIsQueuedWithItsMessageDownloadedCheckedAndStoredOncePerTenantAndHash() throws Exception {
        SampleMedia.Sample photo = SampleMedia.photo("Broken lid", false);
        UUID first = f.arrives(photo, null);
        UUID second = f.arrives(photo, null);
        f.out.execute("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content_type, content) "
                + "SELECT tenant_id, conversation_id, contact_id, 'inbound', 'text', 'text', 'just words' FROM messages WHERE id = ?", first);
        // The job is written by the trigger in the transaction that stored each message; a text message gets none.
        assertThat(f.out.count("SELECT count(*) FROM media_downloads")).isEqualTo(2);
        assertThat(f.job(first, "status")).isEqualTo("pending");

        assertThat(f.worker(3).drain()).isEqualTo(2);

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo.bytes()));
        assertThat(f.job(first, "status")).isEqualTo("done");
        assertThat(f.job(second, "sha256")).isEqualTo(sha);
        assertThat(f.out.count("SELECT count(*) FROM media_files WHERE tenant_id = ?", f.out.tenantId)).isEqualTo(1);
        assertThat(f.out.count("SELECT size_bytes FROM media_files WHERE sha256 = ?", sha)).isEqualTo(photo.bytes().length);
        try (InputStream in = f.library.open(f.out.tenantId, sha)) {
            assertThat(in.readAllBytes()).isEqualTo(photo.bytes());
        }
        assertThat(f.library.usage(f.out.tenantId).usedBytes()).isEqualTo(photo.bytes().length);
        assertThat(f.out.row(first).get("error_code")).isNull();
    }

    @Test
    void anExpiredUrlIsRetriedWithAFreshUrlOnTheNextAttempt() {
        UUID id = f.arrives(SampleMedia.invoice("invoice.pdf", List.of("Invoice 1")), null);
        f.out.sandbox.media().setUrlTtl(Duration.ofMillis(-1));
        MediaDownloadWorker worker = f.worker(4);
        worker.drain();
        assertThat(f.job(id, "status")).isEqualTo("pending");
        assertThat(f.job(id, "last_error")).contains("404").contains("expired").contains("attempt 1 of 4");

        f.out.sandbox.media().setUrlTtl(Duration.ofMinutes(5));
        f.makeJobsDue();
        worker.drain();
        assertThat(f.job(id, "status")).isEqualTo("done");
        assertThat(f.job(id, "attempts")).isEqualTo("2");
        assertThat(f.out.sandbox.media().urlRequests()).as("one fresh URL per attempt").isEqualTo(2);
    }

    @Test
    void aFlakyDownloadIsRetriedWithBackoffAndTheLastFailureMarksTheMessage() {
        UUID recovers = f.arrives(SampleMedia.voiceNote(1), null);
        f.out.sandbox.media().failNextDownloads(1, 503);
        MediaDownloadWorker worker = f.worker(3);
        worker.drain();
        assertThat(f.job(recovers, "status")).isEqualTo("pending");
        assertThat(f.out.count("SELECT count(*) FROM media_downloads WHERE message_id = ? AND next_attempt_at > updated_at", recovers))
                .as("the retry waits for its backoff").isEqualTo(1);
        f.makeJobsDue();
        worker.drain();
        assertThat(f.job(recovers, "status")).isEqualTo("done");

        UUID lost = f.arrives(SampleMedia.voiceNote(2), null);
        f.out.sandbox.media().failNextDownloads(10, 500);
        for (int i = 0; i < 3; i++) {
            worker.drain();
            f.makeJobsDue();
        }
        assertThat(f.job(lost, "status")).isEqualTo("failed");
        assertThat(f.job(lost, "attempts")).isEqualTo("3");
        Map<String, Object> message = f.out.row(lost);
        assertThat(message.get("error_code")).isEqualTo("media_download_failed");
        assertThat((String) message.get("error_detail")).startsWith("Gave up after 3 attempts").contains("HTTP 500");
        assertThat(message.get("status")).as("the message itself stays delivered").isEqualTo("delivered");
    }

    @Test
    void aFileWhoseHashDiffersFromTheWebhooksIsRefusedAndMarked() throws Exception {
        SampleMedia.Sample photo = SampleMedia.photo("Tampered", true);
        byte[] other = MessageDigest.getInstance("SHA-256").digest("something else".getBytes());
        UUID id = f.arrives(photo, java.util.Base64.getEncoder().encodeToString(other));
        f.worker(5).drain();
        assertThat(f.job(id, "status")).as("not retried: the bytes will not change").isEqualTo("failed");
        assertThat(f.job(id, "attempts")).isEqualTo("1");
        assertThat((String) f.out.row(id).get("error_detail")).contains("SHA-256").contains("refused");
        assertThat(f.out.count("SELECT count(*) FROM media_files")).isZero();
    }

    @Test
    void filesOverTheirKindsLimitAreNotStored() {
        byte[] big = new byte[(int) MediaKind.IMAGE.maxBytes() + 1];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        UUID image = f.arrives(new SampleMedia.Sample("image", "image/jpeg", null, null, big), null);
        byte[] sticker = new byte[100 * 1024 + 1];
        System.arraycopy("RIFF....WEBP".getBytes(), 0, sticker, 0, 12);
        UUID staticSticker = f.arrives(new SampleMedia.Sample("sticker", "image/webp", null, null, sticker), null);
        f.worker(5).drain();
        assertThat(f.job(image, "status")).isEqualTo("failed");
        assertThat(f.job(image, "last_error")).contains("5 MB").contains("image");
        assertThat(f.job(staticSticker, "last_error")).contains("100 KB").contains("sticker");
        assertThat(f.out.count("SELECT count(*) FROM media_files")).isZero();
        assertThat(f.out.sandbox.media().downloads()).as("refused from the size Meta announced, before downloading").isZero();
    }

    @Test
    void theTenantsStorageCapRefusesNewFilesAndSaysSo() {
        f.library.setQuota(f.out.tenantId, 1_000);
        UUID id = f.arrives(SampleMedia.photo("Too much", false), null);
        f.worker(5).drain();
        assertThat(f.job(id, "status")).isEqualTo("failed");
        assertThat((String) f.out.row(id).get("error_detail")).contains("storage cap").contains("1000 B");
        assertThat(f.library.usage(f.out.tenantId)).isEqualTo(new MediaUsage(0, 1_000, 0));
    }

    @Test
    void theFolderStoreKeepsTheBytesInFilesAndTheCatalogInTheDatabase() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("media-store");
        MediaLibrary inFolder = new MediaLibrary(f.out.db, folder);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("upload", ".pdf");
        byte[] pdf = SampleMedia.invoice("a.pdf", List.of("x")).bytes();
        java.nio.file.Files.write(file, pdf);
        StoredMedia stored = inFolder.store(f.out.tenantId, file, "application/pdf");
        assertThat(f.out.count("SELECT count(*) FROM media_files WHERE store = 'folder' AND content IS NULL")).isEqualTo(1);
        try (InputStream in = inFolder.open(f.out.tenantId, stored.sha256())) {
            assertThat(Arrays.equals(in.readAllBytes(), pdf)).isTrue();
        }
        assertThat(inFolder.store(f.out.tenantId, file, "application/pdf")).isEqualTo(stored);
        assertThat(f.out.count("SELECT count(*) FROM media_files")).isEqualTo(1);
    }
}

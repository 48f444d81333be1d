package io.switchboard.media;

import io.switchboard.channel.sandbox.SampleMedia;
import io.switchboard.channel.sandbox.SandboxNumber;
import io.switchboard.channel.sandbox.SandboxOptions;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.delivery.OutboundFixture;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/**
 * The real inbound path for media tests: the sandbox posts a customer's media message as a signed webhook
 * to the real receiver, the real poller stores it (and the trigger queues its download job), and a
 * download worker with short backoffs fetches it back from the sandbox over HTTP.
 */
public final class MediaFixture implements AutoCloseable {
    public static final String CUSTOMER = "5511955501234";
    public final OutboundFixture out;
    final WebhookReceiver receiver;
    final EventPoller poller;
    public final MediaLibrary library;

    public MediaFixture() {
        out = new OutboundFixture(SandboxOptions.fast(), null, 1_000);
        receiver = new WebhookReceiver(out.db, new AccountCache(new WhatsAppAccountService(out.db, out.secrets)), 0).loopbackOnly();
        receiver.start();
        out.sandbox.register(new SandboxNumber(OutboundFixture.PHONE_NUMBER_ID, "+15550109999", "Test Shop", "waba-1", out.accessToken, out.appSecret,
                URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH)));
        poller = new EventPoller(out.db, 1, 100);
        library = new MediaLibrary(out.db);
    }

    public MediaDownloadWorker worker(int maxAttempts) {
        return new MediaDownloadWorker(out.db, out.accounts(), new MediaApi(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)), library,
                new MediaDownloadWorker.Options(maxAttempts, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(30), 4));
    }

    /** A customer sends {@code file}; returns the stored message's id once the poller stored it. */
    public UUID arrives(SampleMedia.Sample file, String announcedSha256) {
        String wamid = out.sandbox.customerSendsMedia(OutboundFixture.PHONE_NUMBER_ID, CUSTOMER, "Ana Souza", file, announcedSha256, Duration.ZERO);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            poller.processAvailable();
            if (out.count("SELECT count(*) FROM messages WHERE external_message_id = ?", wamid) == 1) {
                return (UUID) out.db.inJdbcTransaction(c -> {
                    try (var ps = c.prepareStatement("SELECT id FROM messages WHERE external_message_id = ?")) {
                        ps.setString(1, wamid);
                        var rs = ps.executeQuery();
                        rs.next();
                        return rs.getObject(1, UUID.class);
                    }
                });
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the media message " + wamid + " was not stored within 10 s");
    }

    String job(UUID messageId, String column) {
        return out.db.inJdbcTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT " + column + "::text FROM media_downloads WHERE message_id = ?")) {
                ps.setObject(1, messageId);
                var rs = ps.executeQuery();
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    void makeJobsDue() {
        out.execute("UPDATE media_downloads SET next_attempt_at = NOW() - INTERVAL '1 second' WHERE status = 'pending'");
    }

    @Override
    public void close() {
        out.sandbox.close();
        receiver.stop(Duration.ofMillis(300));
        out.close();
    }
}

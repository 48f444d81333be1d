package io.switchboard.app;

import io.switchboard.backup.BackupService;
import io.switchboard.backup.DailyBackups;
import io.switchboard.channel.sandbox.SandboxRuntime;
import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.Database;
import io.switchboard.delivery.JdbcSendingAccounts;
import io.switchboard.delivery.OutboxSender;
import io.switchboard.template.TemplateSync;
import io.switchboard.template.TemplateSyncWorker;
import io.switchboard.stats.NumberHealthSync;
import io.switchboard.stats.NumberHealthWorker;
import io.switchboard.stats.StatsFolder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background parts of a process — webhook receiver, event poller, outbox sender, template sync, sandbox — started
 * in order and stopped in the order that loses nothing: first what produces work (sandbox, receiver),
 * then what finishes it (sender, poller), each finishing its in-flight batch.
 */
public final class Workers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    /** A started part and how to stop it. */
    record Part(String name, Runnable stop) {
    }

    private final List<Part> startedInOrder = new ArrayList<>();
    private boolean closed;
    private DailyBackups dailyBackups;

    private Workers() {
    }

    /**
     * {@code serve}: everything, with the receiver on {@code port}. The sandbox (when enabled) posts its
     * webhooks to this process's own receiver.
     */
    static Workers serve(Database database, Settings settings, int port) {
        return start(database, settings, port, false);
    }

    private static Workers start(Database database, Settings settings, int port, boolean loopbackOnly) {
        Workers w = new Workers();
        try {
            SecretBox secrets = SecretBox.fromSettings(settings);
            WebhookReceiver receiver = new WebhookReceiver(database, new AccountCache(new WhatsAppAccountService(database, secrets)), port);
            if (loopbackOnly) {
                receiver.loopbackOnly();
            }
            EventPoller poller = new EventPoller(database, 2, 200);
            receiver.onStored(poller::wake).watch("event poller", poller::alive);
            receiver.api(new io.switchboard.automation.AutomationApi(new io.switchboard.automation.AutomationService(database, secrets)));
            receiver.start();
            w.add("webhook receiver", () -> receiver.stop(Duration.ofSeconds(1)));
            poller.start();
            w.add("event poller", poller::stop);
            receiver.watch("outbox sender", w.startSender(database, settings, secrets)::alive);
            if (!loopbackOnly) { // serve: /healthz tells a monitor how far the read replica is behind
                io.switchboard.db.ReadRouting reads = io.switchboard.db.ReadReplica.routing(settings, database, 1);
                w.add("read replica check", reads::close);
                receiver.report("read_replica", () -> reads.status().json());
            }
            w.startTemplateSync(database, secrets);
            w.startNumberHealth(database, secrets);
            w.add("campaign worker", new io.switchboard.campaign.CampaignWorker(database).start(Duration.ofSeconds(1), io.switchboard.campaign.CampaignWorker.EVERY)::close);
            w.add("automations", new io.switchboard.automation.AutomationWorker(database, secrets).start()::close);
            w.startMediaDownloads(database, settings, secrets);
            StatsFolder folder = new StatsFolder(database, Duration.ofSeconds(1));
            folder.start();
            w.add("stats folder", folder::stop);
            // The receiver's real port is known only once it listens (port 0 means any free port).
            w.startSandbox(database, settings, URI.create("http://127.0.0.1:" + receiver.port() + "/webhook"));
            w.startDailyBackups(database, settings);
            w.startAutoAssignment(database);
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** The desktop app: the same parts; the receiver takes a free port, since only the local sandbox posts to it. */
    public static Workers desktop(Database database, Settings settings) {
        return start(database, settings, 0, true);
    }

    private OutboxSender startSender(Database database, Settings settings, SecretBox secrets) {
        OutboxSender sender = new OutboxSender(database, new JdbcSendingAccounts(database, secrets), new CloudApiClient(),
                OutboxSender.Options.defaults(), new io.switchboard.media.MediaUploads(database, io.switchboard.media.MediaLibrary.fromSettings(database, settings),
                new io.switchboard.media.MediaApi(), java.time.Duration.ofMinutes(5)));
        sender.start();
        add("outbox sender", sender::stop);
        return sender;
    }

    /** Template sync: a newly connected number within seconds, every number every few hours. */
    private void startTemplateSync(Database database, SecretBox secrets) {
        TemplateSyncWorker worker = new TemplateSyncWorker(database,
                new TemplateSync(database, new WhatsAppAccountService(database, secrets), new CloudApiClient()), TemplateSyncWorker.EVERY)
                .start(Duration.ofSeconds(5), TemplateSyncWorker.CHECK);
        add("template sync", worker::close);
    }

    /** Number health (quality, messaging limit): a newly connected number within seconds, every number hourly. */
    private void startNumberHealth(Database database, SecretBox secrets) {
        NumberHealthWorker worker = new NumberHealthWorker(new NumberHealthSync(database, new WhatsAppAccountService(database, secrets),
                new CloudApiClient(Duration.ofSeconds(10), Duration.ofSeconds(20)))).start(Duration.ofSeconds(5), NumberHealthWorker.CHECK);
        add("number health", worker::close);
    }

    /** Inbound media: each customer's photo, document or voice note fetched from Meta within seconds. */
    private void startMediaDownloads(Database database, Settings settings, SecretBox secrets) {
        io.switchboard.media.MediaDownloadWorker worker = new io.switchboard.media.MediaDownloadWorker(database, new JdbcSendingAccounts(database, secrets),
                new io.switchboard.media.MediaApi(), io.switchboard.media.MediaLibrary.fromSettings(database, settings),
                io.switchboard.media.MediaDownloadWorker.Options.defaults()).start(Duration.ofMillis(700));
        add("media download", worker::close);
    }

    private void startSandbox(Database database, Settings settings, URI webhookUrl) {
        SandboxRuntime sandbox = SandboxRuntime.start(database, settings, webhookUrl);
        if (sandbox.active()) {
            add("WhatsApp sandbox", sandbox::close);
        }
    }

    /** Solo mode only: the embedded database's daily backup into the data folder (a team's server has its own backups). */
    private void startDailyBackups(Database database, Settings settings) {
        if (database.target().embedded()) {
            dailyBackups = new DailyBackups(new BackupService(database), settings.dataFolder(), java.time.Clock.systemUTC()).start();
            add("daily backup", dailyBackups::close);
        }
    }

    /** Round robin assignment of waiting conversations, for tenants that turned it on (any number of processes may run it). */
    private void startAutoAssignment(Database database) {
        io.switchboard.team.AutoAssignmentWorker worker = io.switchboard.team.AutoAssignmentWorker.start(new io.switchboard.team.AutoAssignment(database));
        add("automatic assignment", worker::close);
    }

    /** The daily backups this process takes, if it runs the embedded database. */
    public java.util.Optional<DailyBackups> dailyBackups() {
        return java.util.Optional.ofNullable(dailyBackups);
    }

    private void add(String name, Runnable stop) {
        startedInOrder.add(new Part(name, stop));
        log.info("{} started", name);
    }

    /** Stops the sandbox first (no new traffic), then the rest in reverse start order; each finishes what it holds. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = startedInOrder.size() - 1; i >= 0; i--) {
            Part p = startedInOrder.get(i);
            try {
                p.stop().run();
                log.info("{} stopped", p.name());
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", p.name(), e.toString());
            }
        }
    }
}

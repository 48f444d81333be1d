package io.switchboard.app;

import io.switchboard.channel.sandbox.SandboxRuntime;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.Database;
import io.switchboard.delivery.JdbcSendingAccounts;
import io.switchboard.delivery.OutboxSender;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background parts of a process — webhook receiver, event poller, outbox sender, sandbox — started
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

    private Workers() {
    }

    /**
     * {@code serve}: everything, with the receiver on {@code port}. The sandbox (when enabled) posts its
     * webhooks to this process's own receiver.
     */
    static Workers serve(Database database, Settings settings, int port) {
        Workers w = new Workers();
        try {
            w.startSender(database, settings);
            // Port 0 means "any free port": the receiver's real port is known only once it listens.
            w.startSandbox(database, settings, port == 0 ? null : URI.create("http://127.0.0.1:" + port + "/webhook"));
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** The desktop app: the same parts; the receiver takes a free port, since only the local sandbox posts to it. */
    public static Workers desktop(Database database, Settings settings) {
        return serve(database, settings, 0);
    }

    private void startSender(Database database, Settings settings) {
        OutboxSender sender = new OutboxSender(database, new JdbcSendingAccounts(database, SecretBox.fromSettings(settings)), new CloudApiClient(),
                OutboxSender.Options.defaults());
        sender.start();
        add("outbox sender", sender::stop);
    }

    private void startSandbox(Database database, Settings settings, URI webhookUrl) {
        SandboxRuntime sandbox = SandboxRuntime.start(database, settings, webhookUrl);
        if (sandbox.active()) {
            add("WhatsApp sandbox", sandbox::close);
        }
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

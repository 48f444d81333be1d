package io.switchboard.app;

import io.switchboard.config.Settings;
import io.switchboard.db.DatabaseStartup;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --port P}: the headless process that receives Meta's webhooks and runs every worker until
 * SIGTERM or SIGINT. A signal does not kill the JVM here: it ends the wait, the workers stop taking work
 * and finish their in-flight batches, and the command returns 0.
 */
final class Serve {
    static final int DEFAULT_PORT = 8080;

    private Serve() {
    }

    static int run(List<String> args, Settings settings, PrintStream out) {
        Arguments a = Arguments.parse("serve", args, Set.of("port"));
        int port = a.integer("port", DEFAULT_PORT, 1, 65535);
        CountDownLatch stop = new CountDownLatch(1);
        boolean signals = ShutdownSignals.onTermOrInt(stop::countDown);
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 16);
             Workers workers = Workers.serve(running.database(), settings, port)) {
            // Reached only when the JVM ends for another reason (e.g. a platform without these signals): still stop in order.
            Thread fallback = new Thread(workers::close, "serve-shutdown");
            Runtime.getRuntime().addShutdownHook(fallback);
            out.println("Serving on port " + port + " with database " + running.database().target().describe()
                    + (signals ? ". Stop with Ctrl+C or SIGTERM." : "."));
            out.flush();
            awaitQuietly(stop);
            out.println("Stopping: finishing in-flight work…");
            out.flush();
            workers.close();
            try {
                Runtime.getRuntime().removeShutdownHook(fallback);
            } catch (IllegalStateException alreadyShuttingDown) {
                LoggerFactory.getLogger(Serve.class).debug("shutdown already in progress");
            }
        }
        out.println("Stopped.");
        return Main.OK;
    }

    /** An interrupt ends the wait like a signal does. */
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

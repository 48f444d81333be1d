package io.switchboard.db;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded postmaster while this process owns it. If it dies (killed, crashed, out of
 * memory), it is started again on the same port within seconds; PostgreSQL's crash recovery
 * replays the write-ahead log, so every committed row is back. Meanwhile the pool's connections
 * fail, the window shows its "database connection lost" banner and {@code serve} answers 503;
 * both recover by themselves once the server is back.
 */
final class PostmasterSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostmasterSupervisor.class);
    static final long CHECK_EVERY_MILLIS = 500;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final Postmaster postmaster;
    private final Thread thread;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile boolean closing;

    PostmasterSupervisor(Postmaster postmaster) {
        this.postmaster = postmaster;
        this.thread = new Thread(this::watch, "postmaster-supervisor");
        this.thread.setDaemon(true);
    }

    PostmasterSupervisor start() {
        thread.start();
        return this;
    }

    /** How many times the server was started again since this process started it. */
    int restarts() {
        return restarts.get();
    }

    private void watch() {
        Optional<ProcessHandle> current = postmaster.process();
        while (!closing) {
            if (current.isPresent() && current.get().isAlive()) {
                pause(CHECK_EVERY_MILLIS);
                continue;
            }
            if (closing) {
                return;
            }
            log.error("the embedded PostgreSQL (pid {}) is gone; starting it again", current.map(ProcessHandle::pid).map(String::valueOf).orElse("?"));
            current = restart();
        }
    }

    /** Tries until the server runs again: backends of the dead postmaster may hold its shared memory for a moment. */
    private Optional<ProcessHandle> restart() {
        long wait = 250;
        while (!closing) {
            try {
                postmaster.start();
                Optional<ProcessHandle> started = postmaster.process();
                if (started.isPresent()) {
                    restarts.incrementAndGet();
                    log.warn("the embedded PostgreSQL runs again (pid {}, crash recovery done)", started.get().pid());
                    return started;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("could not start the embedded PostgreSQL yet ({}); retrying in {} ms", e.getMessage(), wait);
            }
            pause(wait);
            wait = Math.min(wait * 2, MAX_RETRY_MILLIS);
        }
        return Optional.empty();
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** Stops watching; the caller then stops the server. Waits for a restart in progress to end. */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(150_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.switchboard.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster left running by a Switchboard that crashed. We hold the data folder lock, so no
 * live Switchboard owns it: stop it (SIGTERM, then SIGKILL after a grace period) so a fresh
 * server can start on the same files. PostgreSQL's crash recovery makes the data consistent.
 */
final class StalePostmaster {
    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path pgData) throws IOException {
        List<String> lines = EmbeddedServer.postmasterPidLines(pgData);
        if (lines.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            // PostgreSQL itself handles a pid file whose process is gone, and uses it to make sure no
            // backend of the dead server still holds the shared memory: keep it.
            return;
        }
        if (!looksLikePostgres(process.get())) {
            // The pid was reused by another program: PostgreSQL would take it for a running server.
            Files.deleteIfExists(pgData.resolve("postmaster.pid"));
            return;
        }
        ProcessHandle postmaster = process.get();
        log.warn("stopping a PostgreSQL (pid {}) left running by a previous Switchboard that did not exit cleanly", postmaster.pid());
        requestFastShutdown(postmaster);
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception timeout) {
            postmaster.destroyForcibly();
            try {
                postmaster.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("a PostgreSQL left running (pid " + postmaster.pid() + ") would not stop", e);
            }
        }
    }

    /**
     * SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients and stops cleanly. SIGTERM,
     * the only signal Java sends, is its "smart" shutdown, which waits for every client, and a
     * second window may still be attached to the orphaned server. Windows has no signals;
     * there the process is terminated and PostgreSQL's crash recovery runs at the next start.
     */
    private static void requestFastShutdown(ProcessHandle postmaster) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
            try {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).redirectErrorStream(true).start();
                if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                    return;
                }
            } catch (IOException e) {
                log.warn("could not send SIGINT to PostgreSQL (pid {}): {}", postmaster.pid(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        postmaster.destroy();
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikePostgres(ProcessHandle process) {
        // A reused pid belonging to something else must never be killed.
        return process.info().command().map(c -> c.contains("postgres")).orElse(false);
    }
}

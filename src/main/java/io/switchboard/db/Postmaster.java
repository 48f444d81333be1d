package io.switchboard.db;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL server process, started and stopped with pg_ctl (which detaches it from
 * the terminal, so a Ctrl+C meant for Switchboard does not reach it first).
 *
 * <p>Settings that matter are given on the command line, where they beat anything in the
 * cluster's configuration files: durable commits (fsync, synchronous_commit and full_page_writes
 * on, PostgreSQL's own defaults), TCP on 127.0.0.1 only, no unix socket, and its own log rotated
 * inside the data folder with owner-only files.
 */
final class Postmaster {
    private final Path pgData;
    private final Path startLog;
    private final int port;

    Postmaster(Path pgData, Path startLog, int port) {
        this.pgData = pgData;
        this.startLog = startLog;
        this.port = port;
    }

    int port() {
        return port;
    }

    Path pgData() {
        return pgData;
    }

    /** Starts the server and waits until it accepts connections (including any crash recovery). */
    void start() throws IOException {
        ServerCommands.run(ServerCommands.command("pg_ctl", "-D", pgData.toString(), "-l", startLog.toString(), "-w", "-t", "120",
                "-o", String.join(" ", options()), "start"), startLog, null, 150);
    }

    /** A fast shutdown: clients are disconnected, everything committed is already on disk. */
    void stop() throws IOException {
        ServerCommands.run(ServerCommands.command("pg_ctl", "-D", pgData.toString(), "-m", "fast", "-w", "-t", "60", "stop"), startLog, null, 90);
    }

    /** The running postmaster, as its pid file names it. */
    Optional<ProcessHandle> process() {
        try {
            List<String> lines = EmbeddedServer.postmasterPidLines(pgData);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    List<String> options() {
        List<String> options = new ArrayList<>(List.of(
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=on",
                "-c", "synchronous_commit=on",
                "-c", "full_page_writes=on",
                "-c", "password_encryption=scram-sha-256",
                "-c", "max_connections=100",
                "-c", "shared_buffers=128MB",
                "-c", "timezone=UTC",
                "-c", "logging_collector=on",
                "-c", "log_directory=log",
                "-c", "log_filename=postgresql-%a.log",
                "-c", "log_truncate_on_rotation=on",
                "-c", "log_rotation_age=1d",
                "-c", "log_rotation_size=10MB",
                "-c", "log_file_mode=0600"));
        if (!PostgresBinaries.windows()) {
            options.addAll(List.of("-c", "unix_socket_directories=''"));
        }
        return options;
    }
}

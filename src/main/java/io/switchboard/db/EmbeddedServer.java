package io.switchboard.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup PostgreSQL: started from the data folder on a free loopback port.
 *
 * <p>One process owns the server, proven by an OS file lock on {@code server.lock}. A second
 * process on the same folder finds the lock taken and attaches to the owner's port (read
 * from {@code server.port}) instead of starting a second postmaster on the same files.
 * A server left behind by a crashed owner is stopped before a new one starts.
 */
public final class EmbeddedServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    static final String DATABASE = "whatsapp_autonation";
    static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ConnectionTarget target;
    private final Path folder;

    /** Data folders whose server this process owns, so a second start here attaches instead of locking again. */
    private static final Map<Path, EmbeddedServer> SERVED_BY_THIS_PROCESS = new ConcurrentHashMap<>();

    private EmbeddedServer(Path folder, EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, ConnectionTarget target) {
        this.folder = folder;
        this.postgres = postgres;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.target = target;
    }

    /**
     * Starts the server owned by this process, or attaches to the one another process owns.
     * Synchronized so two starts in one process cannot race for the same folder.
     */
    public static synchronized Optional<EmbeddedServer> startOrAttach(Path dataFolder, java.util.function.Consumer<ConnectionTarget> attached) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        EmbeddedServer ownServer = SERVED_BY_THIS_PROCESS.get(folder);
        if (ownServer != null) {
            // Never open the lock file a second time: OS file locks belong to the process, and
            // closing that second handle would release the lock the first one holds.
            attached.accept(ownServer.target);
            return Optional.empty();
        }
        try {
            Files.createDirectories(folder);
            FileChannel channel = new RandomAccessFile(folder.resolve("server.lock").toFile(), "rw").getChannel();
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                attached.accept(attachTo(folder));
                return Optional.empty();
            }
            EmbeddedServer server = start(folder, channel, lock);
            SERVED_BY_THIS_PROCESS.put(folder, server);
            return Optional.of(server);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not start the embedded PostgreSQL in " + folder + ": " + e.getMessage()
                    + ". Check that the folder is writable, or set SWITCHBOARD_HOME to another folder, or DB_HOST to use an external server.", e);
        }
    }

    private static EmbeddedServer start(Path folder, FileChannel channel, FileLock lock) throws IOException {
        Path pgData = folder.resolve("pgdata");
        EmbeddedPostgres postgres = null;
        try {
            StalePostmaster.stopIfRunning(pgData);
            int port = freeLoopbackPort();
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "128MB")
                    .setServerConfig("synchronous_commit", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            Files.writeString(folder.resolve("server.port"), Integer.toString(port), StandardCharsets.UTF_8);
            ensureDatabase(port);
            log.info("embedded PostgreSQL running on 127.0.0.1:{} with data in {}", port, pgData);
            return new EmbeddedServer(folder, postgres, channel, lock, target(port));
        } catch (IOException | RuntimeException e) {
            // Leave nothing behind: a half-started server or a held lock would stand in the next start's way.
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException stop) {
                    e.addSuppressed(stop);
                }
            }
            channel.close();
            throw e;
        }
    }

    private static ConnectionTarget attachTo(Path dataFolder) throws IOException {
        Path portFile = dataFolder.resolve("server.port");
        String refuse = "Another Switchboard is starting or running on the data folder " + dataFolder
                + " and its database could not be reached. Close the other window, or start this one with a different SWITCHBOARD_HOME.";
        if (!Files.exists(portFile)) {
            throw new DatabaseUnavailableException(refuse);
        }
        int port = Integer.parseInt(Files.readString(portFile).strip());
        ConnectionTarget target = target(port);
        try (Connection ignored = DriverManager.getConnection(target.jdbcUrl(), target.user(), "")) {
            log.info("attached to the embedded PostgreSQL another Switchboard owns on port {}", port);
            return target;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(refuse, e);
        }
    }

    private static void ensureDatabase(int port) throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, SUPERUSER, "");
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("could not create the database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private static ConnectionTarget target(int port) {
        return new ConnectionTarget("127.0.0.1", port, DATABASE, SUPERUSER, "", true);
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public ConnectionTarget target() {
        return target;
    }

    /** Stops PostgreSQL cleanly (a fast shutdown) and gives up the folder. */
    @Override
    public void close() {
        SERVED_BY_THIS_PROCESS.remove(folder, this);
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("could not release the data folder lock", e);
        }
    }

    /** Reads the first lines of postmaster.pid, which PostgreSQL documents as pid, data dir, start time, port. */
    static List<String> postmasterPidLines(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        return Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
    }
}

package io.switchboard.db;

import io.switchboard.config.OwnerOnly;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-setup PostgreSQL: started from the data folder on a free loopback port, locked down
 * ({@link ClusterLockdown}), durable ({@link Postmaster}) and supervised ({@link PostmasterSupervisor}).
 *
 * <p>One process owns the server, proven by an OS file lock on {@code server.lock}. A second
 * process on the same folder finds the lock taken and attaches to the owner's port (read
 * from {@code server.port}) instead of starting a second postmaster on the same files.
 * A server left behind by a crashed owner is stopped before a new one starts.
 */
public final class EmbeddedServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    static final String DATABASE = "whatsapp_autonation";
    static final String SUPERUSER = ClusterLockdown.SUPERUSER;

    private final Postmaster postmaster;
    private final PostmasterSupervisor supervisor;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ConnectionTarget target;
    private final Path folder;

    /** Data folders whose server this process owns, so a second start here attaches instead of locking again. */
    private static final Map<Path, EmbeddedServer> SERVED_BY_THIS_PROCESS = new ConcurrentHashMap<>();

    private EmbeddedServer(Path folder, Postmaster postmaster, FileChannel lockChannel, FileLock lock, ConnectionTarget target) {
        this.folder = folder;
        this.postmaster = postmaster;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.target = target;
        this.supervisor = new PostmasterSupervisor(postmaster).start();
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
            OwnerOnly.folder(folder);
            FileChannel channel = new RandomAccessFile(OwnerOnly.file(folder.resolve("server.lock")).toFile(), "rw").getChannel();
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
        Postmaster postmaster = null;
        try {
            StalePostmaster.stopIfRunning(pgData);
            Path logs = OwnerOnly.folder(folder.resolve("logs"));
            Path startLog = OwnerOnly.file(logs.resolve("postgresql-start.log"));
            ClusterLockdown.Credentials credentials = ClusterLockdown.prepare(folder, pgData, startLog);
            postmaster = new Postmaster(pgData, startLog, freeLoopbackPort());
            startAfterACrash(postmaster);
            ClusterLockdown.grantTheAppItsDatabase(postmaster.port(), credentials, DATABASE);
            OwnerOnly.write(folder.resolve("server.port"), Integer.toString(postmaster.port()));
            log.info("embedded PostgreSQL running on 127.0.0.1:{} with data in {}", postmaster.port(), pgData);
            return new EmbeddedServer(folder, postmaster, channel, lock, target(postmaster.port(), credentials.appPassword()));
        } catch (IOException | SQLException | RuntimeException e) {
            // Leave nothing behind: a half-started server or a held lock would stand in the next start's way.
            if (postmaster != null && postmaster.process().isPresent()) {
                try {
                    postmaster.stop();
                } catch (IOException stop) {
                    e.addSuppressed(stop);
                }
            }
            channel.close();
            if (e instanceof SQLException sql) {
                throw new IOException("could not prepare the database " + DATABASE + ": " + sql.getMessage(), sql);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * After a crash the backends of the dead server may still hold its shared memory for a moment,
     * and PostgreSQL then refuses to start (rightly: two servers on one cluster would corrupt it).
     */
    private static void startAfterACrash(Postmaster postmaster) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                postmaster.start();
                return;
            } catch (IOException e) {
                if (attempt == 5 || postmaster.process().isPresent()) {
                    throw e;
                }
                log.warn("the embedded PostgreSQL did not start ({}); trying again", e.getMessage());
                try {
                    Thread.sleep(1_000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static ConnectionTarget attachTo(Path dataFolder) throws IOException {
        Path portFile = dataFolder.resolve("server.port");
        String refuse = "Another Switchboard is starting or running on the data folder " + dataFolder
                + " and its database could not be reached. Close the other window, or start this one with a different SWITCHBOARD_HOME.";
        if (!Files.exists(portFile) || !Files.exists(dataFolder.resolve(ClusterLockdown.APP_PASSWORD_FILE))) {
            throw new DatabaseUnavailableException(refuse);
        }
        int port = Integer.parseInt(Files.readString(portFile).strip());
        ConnectionTarget target = target(port, ClusterLockdown.readAppPassword(dataFolder));
        try (Connection ignored = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
            log.info("attached to the embedded PostgreSQL another Switchboard owns on port {}", port);
            return target;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(refuse, e);
        }
    }

    private static ConnectionTarget target(int port, String appPassword) {
        return new ConnectionTarget("127.0.0.1", port, DATABASE, ClusterLockdown.APP_ROLE, appPassword, true);
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public ConnectionTarget target() {
        return target;
    }

    /** How many times the supervisor has started a dead server again. */
    public int restarts() {
        return supervisor.restarts();
    }

    /** Stops PostgreSQL cleanly (a fast shutdown) and gives up the folder. */
    @Override
    public void close() {
        SERVED_BY_THIS_PROCESS.remove(folder, this);
        supervisor.close();
        try {
            if (postmaster.process().isPresent()) {
                postmaster.stop();
            }
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

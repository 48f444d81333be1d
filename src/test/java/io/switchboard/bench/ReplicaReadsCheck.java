package io.switchboard.bench;

import io.switchboard.contact.ContactService;
import io.switchboard.contact.ContactSort;
import io.switchboard.contact.ContactView;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.HostList;
import io.switchboard.db.Migrations;
import io.switchboard.db.ReadRouting;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Issue 16, reads on a replica, on a real streaming standby (Debian's PostgreSQL server binaries, pg_basebackup, 127.0.0.1):
 * searches go to the standby and see the primary's rows after replication; with replay paused on the standby, the lag
 * grows past ReadRouting.MAX_LAG and searches move to the primary; resumed, they come back; with the standby stopped, a
 * search falls back at once. Prints each step's time; exits 1 if any step does not happen.
 * Usage: bench/replica-reads.sh (or bench/run.sh ReplicaReadsCheck with PG_BIN set). About 40 s.
 */
public final class ReplicaReadsCheck {
    private static final String ROLE = "switchboard";
    private static final String PASSWORD = "replica-check-password";
    private static final String DATABASE = "switchboard";
    private final Path bin;
    private final Path work;

    private ReplicaReadsCheck(Path bin, Path work) {
        this.bin = bin;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path bin = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));
        if (!Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException(bin + "/pg_ctl not found: apt-get install -y postgresql, or set PG_BIN");
        }
        ReplicaReadsCheck check = new ReplicaReadsCheck(bin, Files.createTempDirectory("switchboard-replica"));
        boolean ok;
        try {
            ok = check.run();
        } finally {
            check.cleanUp();
        }
        System.out.println(ok ? "replica reads: every step as expected" : "replica reads: FAILED");
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path pg = work.resolve("pg");
        Files.createDirectories(pg);
        if (isRoot()) {
            exec("chown", "postgres:postgres", pg.toString());
            exec("chmod", "755", work.toString());
        }
        Path primaryData = pg.resolve("primary");
        Path standbyData = pg.resolve("standby");
        int p1 = freePort();
        int p2 = freePort();
        pg("initdb", "-D", primaryData.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C");
        Files.writeString(primaryData.resolve("postgresql.conf"), String.join("\n", "", "listen_addresses = '127.0.0.1'", "port = " + p1,
                "unix_socket_directories = '" + pg + "'", "wal_level = replica", "max_wal_senders = 5", "hot_standby = on", ""),
                java.nio.file.StandardOpenOption.APPEND);
        pg("pg_ctl", "-D", primaryData.toString(), "-l", pg.resolve("primary.log").toString(), "-w", "start");
        superuser(p1, "postgres", "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'", "CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        superuser(p1, DATABASE, "ALTER SCHEMA public OWNER TO " + ROLE);
        pg("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(p1), "-U", "postgres", "-D", standbyData.toString(), "-X", "stream", "-R", "-c", "fast");
        Files.writeString(standbyData.resolve("postgresql.conf"), "\nport = " + p2 + "\n", java.nio.file.StandardOpenOption.APPEND);
        pg("pg_ctl", "-D", standbyData.toString(), "-l", pg.resolve("standby.log").toString(), "-w", "start");
        System.out.println("primary 127.0.0.1:" + p1 + ", streaming standby 127.0.0.1:" + p2 + " (asynchronous)");

        boolean ok = true;
        ConnectionTarget primaryTarget = new ConnectionTarget("127.0.0.1", p1, DATABASE, ROLE, PASSWORD, false);
        try (Database primary = Database.connect(primaryTarget, 2, "check")) {
            new Migrations(primary.dataSource()).migrate();
            UUID tenant = UUID.randomUUID();
            primary.inJdbcTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (id, name) VALUES (?, 'Replica check')")) {
                    ps.setObject(1, tenant);
                    return ps.executeUpdate();
                }
            });
            Database replica = Database.connect(new ConnectionTarget(HostList.single("127.0.0.1", p2), DATABASE, ROLE, PASSWORD, false,
                    ConnectionTarget.Role.READ_REPLICA), 2, "check");
            try (ReadRouting routing = ReadRouting.withReplica(primary, replica, ReadRouting.MAX_LAG)) {
                ContactService contacts = new ContactService(primary, routing);
                ok &= expect(routing.status().inUse() && routing.database() == replica, "searches use the standby: " + routing.status().json());

                long written = System.nanoTime();
                addContact(primary, tenant, "Ana first");
                await(() -> found(contacts, tenant, "Ana first"));
                System.out.printf("a contact written on the primary is found by a search on the standby after %d ms%n", ms(System.nanoTime() - written));

                superuser(p2, "postgres", "SELECT pg_wal_replay_pause()");
                long paused = System.nanoTime();
                int n = 0;
                while (routing.status().inUse() && System.nanoTime() - paused < TimeUnit.SECONDS.toNanos(40)) {
                    addContact(primary, tenant, "Bea " + (n++)); // the primary keeps writing; the standby receives but does not replay
                    Thread.sleep(200);
                }
                ok &= expect(!routing.status().inUse(), "replay paused: the standby is left aside after " + ms(System.nanoTime() - paused)
                        + " ms (MAX_LAG " + ReadRouting.MAX_LAG.toSeconds() + " s, checked every " + ReadRouting.CHECK_EVERY.toSeconds() + " s): "
                        + routing.status().json() + " — " + routing.status().note().orElse(""));
                addContact(primary, tenant, "Cleo while lagging");
                ok &= expect(found(contacts, tenant, "Cleo while lagging"), "a search while the standby lags answers from the primary (sees the newest row)");

                superuser(p2, "postgres", "SELECT pg_wal_replay_resume()");
                long resumed = System.nanoTime();
                await(() -> routing.status().inUse());
                System.out.printf("replay resumed: searches back on the standby after %d ms (%s)%n", ms(System.nanoTime() - resumed), routing.status().json());
                ok &= expect(found(contacts, tenant, "Cleo while lagging"), "the standby has caught up");

                pg("pg_ctl", "-D", standbyData.toString(), "-m", "immediate", "stop");
                long stopped = System.nanoTime();
                ok &= expect(found(contacts, tenant, "Ana first"), "standby stopped: the next search answers from the primary after "
                        + ms(System.nanoTime() - stopped) + " ms — " + routing.status().note().orElse(""));
                ok &= expect(!routing.status().inUse(), "the standby is left aside: " + routing.status().json());
            }
        }
        return ok;
    }

    private static boolean found(ContactService contacts, UUID tenant, String name) {
        return contacts.page(tenant, name, ContactSort.NAME, true, null, 10).items().stream().map(ContactView::name).anyMatch(name::equals);
    }

    private static void addContact(Database primary, UUID tenant, String name) {
        primary.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO contacts (tenant_id, phone, name) VALUES (?, ?, ?)")) {
                ps.setObject(1, tenant);
                ps.setString(2, "+1555" + String.format("%07d", Math.abs(name.hashCode()) % 10_000_000));
                ps.setString(3, name);
                return ps.executeUpdate();
            }
        });
    }

    private static boolean expect(boolean condition, String what) {
        System.out.println((condition ? "ok    " : "FAIL  ") + what);
        return condition;
    }

    private void pg(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(program + ".out").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(work.resolve(program + ".out")));
        }
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void superuser(int port, String database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private void cleanUp() {
        for (String dir : List.of("primary", "standby")) {
            Path data = work.resolve("pg").resolve(dir);
            if (Files.exists(data.resolve("postmaster.pid"))) {
                try {
                    pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "stop");
                } catch (Exception alreadyStopped) {
                    // nothing to stop
                }
            }
        }
        try (var paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + work + ": " + e.getMessage());
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }
}

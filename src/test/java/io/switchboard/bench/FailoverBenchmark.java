package io.switchboard.bench;

import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WebhookSignature;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.channel.whatsapp.WhatsAppConnection;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.tenant.TenantService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Issue 16's proof on one machine: a primary and a streaming standby made with pg_basebackup (Debian's
 * PostgreSQL server binaries, 127.0.0.1 only), {@code serve} with DB_HOST listing both, signed webhooks
 * posted without pause, then the primary is stopped (-m immediate) and the standby promoted. Reports
 * the acknowledged webhooks missing from the new primary, the unprocessed ones, the queued outbox rows
 * and how long serve answered anything but 200.
 *
 * <p>Usage: {@code bench/failover.sh} or {@code bench/run.sh FailoverBenchmark sync|async}. Stops by
 * itself (about 30 s per run); exits 1 if a synchronous run lost an acknowledged webhook.
 */
public final class FailoverBenchmark {
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String APP_SECRET = "failover-app-secret-0123456789ab";
    private static final String TEXT_WEBHOOK_ID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=text";
    private static final String APP_ROLE = "switchboard";
    private static final String APP_PASSWORD = "failover-bench-password";
    private static final String DATABASE = "switchboard";

    private final boolean synchronous;
    private final Path bin;
    private final Path work;
    private final List<Process> processes = new ArrayList<>();

    private FailoverBenchmark(boolean synchronous, Path bin, Path work) {
        this.synchronous = synchronous;
        this.bin = bin;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        boolean synchronous = args.length == 0 || !"async".equals(args[0]);
        Path bin = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));
        if (!Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException(bin + "/pg_ctl not found: apt-get install -y postgresql, or set PG_BIN");
        }
        Path work = Files.createTempDirectory("switchboard-failover");
        FailoverBenchmark bench = new FailoverBenchmark(synchronous, bin, work);
        int lost;
        try {
            lost = bench.run();
        } finally {
            bench.cleanUp();
        }
        System.exit(synchronous && lost > 0 ? 1 : 0);
    }

    private int run() throws Exception {
        Path pg = work.resolve("pg");
        Files.createDirectories(pg);
        asPostgresOwner(pg);
        Path primary = pg.resolve("primary");
        Path standby = pg.resolve("standby");
        int p1 = freePort();
        int p2 = freePort();
        pg("initdb", "-D", primary.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C");
        Files.writeString(primary.resolve("postgresql.conf"), String.join("\n",
                "", "listen_addresses = '127.0.0.1'", "port = " + p1, "unix_socket_directories = '" + pg + "'",
                "wal_level = replica", "max_wal_senders = 5", "hot_standby = on", "synchronous_commit = on",
                "max_connections = 100", ""),
                java.nio.file.StandardOpenOption.APPEND);
        pg("pg_ctl", "-D", primary.toString(), "-l", pg.resolve("primary.log").toString(), "-w", "start");
        superuser(p1, "postgres", "CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'",
                "CREATE DATABASE " + DATABASE + " OWNER " + APP_ROLE);
        superuser(p1, DATABASE, "ALTER SCHEMA public OWNER TO " + APP_ROLE);
        pg("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(p1), "-U", "postgres", "-D", standby.toString(), "-X", "stream", "-R", "-c", "fast");
        Files.writeString(standby.resolve("postgresql.conf"), "\nport = " + p2 + "\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(standby.resolve("postgresql.auto.conf"),
                "\nprimary_conninfo = 'host=127.0.0.1 port=" + p1 + " user=postgres application_name=standby1'\n", java.nio.file.StandardOpenOption.APPEND);
        pg("pg_ctl", "-D", standby.toString(), "-l", pg.resolve("standby.log").toString(), "-w", "start");
        awaitTrue(() -> !query(p1, "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'").isEmpty(), "standby streaming");
        if (synchronous) {
            // Only now: with a synchronous standby named but absent, every commit (the set-up's too) would wait for it.
            superuser(p1, "postgres", "ALTER SYSTEM SET synchronous_standby_names = 'standby1'", "SELECT pg_reload_conf()");
            awaitTrue(() -> query(p1, "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'").contains("sync"), "standby synchronous");
        }
        System.out.println("primary 127.0.0.1:" + p1 + ", standby 127.0.0.1:" + p2 + " (" + query(p1, "SELECT sync_state FROM pg_stat_replication").iterator().next() + ")");

        Path home = work.resolve("home");
        Files.createDirectories(home);
        Map<String, String> env = Map.of("SWITCHBOARD_HOME", home.toString(), "SWITCHBOARD_SANDBOX", "false",
                "DB_HOST", "127.0.0.1:" + p1 + ",127.0.0.1:" + p2, "DB_NAME", DATABASE, "DB_USERNAME", APP_ROLE, "DB_PASSWORD", APP_PASSWORD);
        int port = freePort();
        serve(env, port, home);
        Settings settings = Settings.load(env, home, "Linux", home.toString());
        List<UUID> queued = new ArrayList<>();
        ConnectionTarget appTarget = new ConnectionTarget("127.0.0.1", p1, DATABASE, APP_ROLE, APP_PASSWORD, false);
        try (Database db = Database.connect(appTarget, 2, "bench").startHibernate(false)) {
            UUID tenant = new TenantService(db).create("Failover").id();
            new WhatsAppAccountService(db, SecretBox.fromSettings(settings)).connect(tenant, new WhatsAppConnection(PHONE_NUMBER_ID,
                    "EAAGfailovertoken00000000000", APP_SECRET, "failover-verify-token", null, null, "http://127.0.0.1:" + freePort() + "/v24.0", 80));
            for (int i = 0; i < 5; i++) {
                queued.add(new OutboxService(db).queueTo(tenant, "+4477009" + String.format("%05d", i),
                        OutboundContent.template("hello_world", "en_US", List.of(), List.of(), "Hello!")).messageId());
            }
        }

        String template = new String(resource("/webhooks/text.json"), StandardCharsets.UTF_8);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<long[]> answers = new ConcurrentLinkedQueue<>(); // {sent at, status (0: no answer)}
        AtomicBoolean posting = new AtomicBoolean(true);
        AtomicInteger next = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread sender = new Thread(() -> {
                while (posting.get()) {
                    String wamid = "wamid.failover-" + next.incrementAndGet();
                    byte[] body = template.replace(TEXT_WEBHOOK_ID, wamid).getBytes(StandardCharsets.UTF_8);
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + WebhookReceiver.PATH))
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .header(WebhookSignature.HEADER, WebhookSignature.sign(APP_SECRET, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long sent = System.nanoTime();
                    int status = 0;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 200) {
                            acknowledged.add(wamid);
                        }
                    } catch (Exception cutOff) {
                        // not acknowledged: Meta would send it again
                    }
                    answers.add(new long[] {sent, status});
                    if (status != 200) {
                        pause(50); // as a retrying sender would; do not spin while the database is away
                    }
                }
            });
            sender.start();
            senders.add(sender);
        }
        awaitTrue(() -> acknowledged.size() >= 300, "webhooks acknowledged before the failover");
        int beforeFailover = acknowledged.size();
        long failoverAt = System.nanoTime();
        pg("pg_ctl", "-D", primary.toString(), "-m", "immediate", "stop");
        pg("pg_ctl", "-D", standby.toString(), "-w", "promote");
        long promotedAt = System.nanoTime();
        awaitTrue(() -> answers.stream().anyMatch(a -> a[0] > promotedAt && a[1] == 200), "a webhook acknowledged after the promotion");
        long firstOkSentAt = answers.stream().filter(a -> a[0] > promotedAt && a[1] == 200).mapToLong(a -> a[0]).min().orElseThrow();
        pause(5_000);
        posting.set(false);
        for (Thread sender : senders) {
            sender.join(15_000);
        }
        long refused = answers.stream().filter(a -> a[0] > failoverAt && a[1] != 200).count();
        long lastRefusedAt = answers.stream().filter(a -> a[1] != 200).mapToLong(a -> a[0]).max().orElse(failoverAt);

        Set<String> stored = query(p2, "SELECT payload #>> '{entry,0,changes,0,value,messages,0,id}' FROM webhook_events");
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        Set<String> unprocessed = new HashSet<>();
        awaitTrue(() -> {
            unprocessed.clear();
            unprocessed.addAll(query(p2, "SELECT payload #>> '{entry,0,changes,0,value,messages,0,id}' FROM webhook_events WHERE status <> 'processed'"));
            return unprocessed.isEmpty();
        }, "every stored webhook processed on the new primary");
        Set<String> inbound = query(p2, "SELECT external_message_id FROM messages WHERE direction = 'inbound'");
        Set<String> withoutMessage = new HashSet<>(acknowledged);
        withoutMessage.removeAll(inbound);
        withoutMessage.removeAll(lost);
        Set<String> outbox = query(p2, "SELECT id::text FROM messages WHERE direction = 'outbound'");
        long outboxKept = queued.stream().map(UUID::toString).filter(outbox::contains).count();

        System.out.printf("%s replication: %d webhooks acknowledged (%d before the failover), %d answered otherwise after it%n",
                synchronous ? "synchronous" : "asynchronous", acknowledged.size(), beforeFailover, refused);
        System.out.printf("  primary stop begun -> standby promoted: %d ms; first webhook acknowledged after the promotion was sent at +%d ms; last one not answered 200 at +%d ms%n",
                ms(promotedAt - failoverAt), ms(firstOkSentAt - failoverAt), ms(lastRefusedAt - failoverAt));
        System.out.printf("  acknowledged but missing on the new primary: %d%s%n", lost.size(), lost.isEmpty() ? "" : " " + lost.stream().sorted(Comparator.naturalOrder()).limit(10).toList());
        System.out.printf("  acknowledged, stored, without their inbound message: %d; queued outbound messages kept: %d of %d%n",
                withoutMessage.size(), outboxKept, queued.size());
        return lost.size() + withoutMessage.size() + (int) (queued.size() - outboxKept);
    }

    private void serve(Map<String, String> env, int port, Path home) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                absoluteClassPath(), "io.switchboard.app.Main", "serve", "--port", String.valueOf(port))
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        processes.add(process);
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("Serving on port " + port)) {
            seen.add(line);
        }
        if (line == null) {
            throw new IllegalStateException("serve did not start: " + seen);
        }
        System.out.println(line);
        Path log = work.resolve("serve.log");
        Thread drain = new Thread(() -> {
            try {
                Files.write(log, (Iterable<String>) lines.lines()::iterator);
            } catch (IOException | RuntimeException ignored) {
                // the log is only for reading after a failed run
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    /** serve runs in its own folder: bench/run.sh's class path starts with relative entries. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Runs a PostgreSQL program; as the postgres user when this is root, since the server refuses root. */
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

    private void asPostgresOwner(Path dir) throws IOException, InterruptedException {
        if (isRoot()) {
            new ProcessBuilder("chown", "postgres:postgres", dir.toString()).inheritIO().start().waitFor();
            new ProcessBuilder("chmod", "755", work.toString()).inheritIO().start().waitFor();
        }
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

    private static Set<String> query(int port, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?connectTimeout=3&socketTimeout=30", "postgres", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            Set<String> out = new HashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void cleanUp() {
        for (Process p : processes) {
            p.destroy();
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroyForcibly();
        }
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
        if (!"true".equals(System.getenv("KEEP_FAILOVER_DIR"))) {
            try (var paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + work + ": " + e.getMessage());
            }
        } else {
            System.out.println("kept " + work);
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FailoverBenchmark.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}

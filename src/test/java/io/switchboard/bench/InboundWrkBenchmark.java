package io.switchboard.bench;

import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WebhookSignature;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.config.SecretBox;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * (b) Status events end to end with an external load generator: {@code wrk} (a C program, its own
 * process) POSTs pre-built, signed status webhooks over loopback to the receiver; the receiver stores
 * them in webhook_events and the event poller applies them to messages, both in this JVM exactly as
 * {@code serve} wires them ({@code receiver.onStored(poller::wake)}, poller 2 threads × batch 200).
 *
 * <p>Every message gets {@code delivered} then {@code read}; {@code perPost} statuses share one POST
 * (1 = one status per webhook; Meta may also batch several in {@code value.statuses[]}). The clock runs
 * from launching wrk until every message is read and no event is left unprocessed; the receiver's rate
 * runs from launching wrk until the last webhook is stored. wrk stops itself once every request was
 * answered ({@code bench/statuses.lua}); this class interrupts it when all webhooks are stored so wrk
 * reports its own rate and latency over the real sending time.
 *
 * <p>Run: {@code bench/inbound-wrk.sh [messages] [perPost] [wrkThreads] [connections] [pollerBatch]}.
 */
public final class InboundWrkBenchmark {
    private InboundWrkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int perPost = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int wrkThreads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int pollerBatch = args.length > 4 ? Integer.parseInt(args[4]) : 200; // 200: what serve uses
        String script = "bench/statuses.lua";
        if (messages % perPost != 0) {
            throw new IllegalArgumentException("messages must be a multiple of perPost");
        }
        System.out.println("machine: " + BenchEnvironment.machine());
        System.out.println("load average before: " + loadAverage());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (BenchEnvironment env = new BenchEnvironment(24)) {
            WhatsAppAccountService accounts = new WhatsAppAccountService(env.db(), new SecretBox(key));
            // The first `messages` messages are measured; the next `warm` ones warm the JIT, pools and caches up.
            int warm = Math.max(perPost, messages / 5 / perPost * perPost);
            InboundBenchmark.setUp(env, accounts, messages + warm);
            Path requests = Files.createTempFile("switchboard-statuses", ".txt");
            Path warmRequests = Files.createTempFile("switchboard-warmup", ".txt");
            int posts = writeRequests(requests, 0, messages, perPost, wrkThreads);
            int warmPosts = writeRequests(warmRequests, messages, warm, perPost, wrkThreads);
            int statuses = 2 * messages;
            System.out.println("event poller: 2 threads, batch " + pollerBatch);
            WebhookReceiver receiver = new WebhookReceiver(env.db(), new AccountCache(accounts), 0).loopbackOnly();
            EventPoller poller = new EventPoller(env.db(), 2, pollerBatch);
            receiver.onStored(poller::wake);
            receiver.start();
            poller.start();
            // serve folds the stats counters' deltas once a second; so does the benchmark. STATS_COUNTERS=off measures
            // the same run without the counters: V11's triggers disabled in this throw-away database, no folder.
            boolean counters = !"off".equals(System.getenv("STATS_COUNTERS"));
            System.out.println("stats counters: " + (counters ? "on (V11 triggers, folder every second)" : "OFF (V11 triggers disabled, no folder)"));
            if (!counters) {
                disableStatsCounters(env);
            }
            io.switchboard.stats.StatsFolder folder = new io.switchboard.stats.StatsFolder(env.db(), java.time.Duration.ofSeconds(1));
            if (counters) {
                folder.start();
            }
            try {
                String url = "http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH;
                System.out.printf("warm-up: %d messages, %d POSTs%n", warm, warmPosts);
                round(env, url, warmRequests, warmPosts, warm, 0, 0, wrkThreads, connections, script, perPost);
                System.out.printf("measured: %d messages, %d statuses in %d signed POSTs (%d per POST)%n", messages, statuses, posts, perPost);
                round(env, url, requests, posts, messages, warmPosts, warm, wrkThreads, connections, script, perPost);
            } finally {
                folder.stop();
                poller.stop();
                receiver.stop(Duration.ofSeconds(5));
                Files.deleteIfExists(requests);
                Files.deleteIfExists(warmRequests);
            }
        }
    }

    /** Every trigger V11 added for the dashboard's counters, off for this run's database only. */
    private static void disableStatsCounters(BenchEnvironment env) {
        env.db().inJdbcTransaction(c -> {
            try (var s = c.createStatement()) {
                for (String trigger : List.of("stats_messages_inserted", "stats_messages_updated", "stats_messages_deleted",
                        "stats_message_number", "stats_track_replies")) {
                    s.execute("ALTER TABLE messages DISABLE TRIGGER " + trigger);
                }
                for (String trigger : List.of("stats_conversations_inserted", "stats_conversations_deleted", "stats_track_episodes")) {
                    s.execute("ALTER TABLE conversations DISABLE TRIGGER " + trigger);
                }
            }
            return null;
        });
    }

    /**
     * One wrk run over {@code posts} requests for {@code messages} messages, on top of {@code eventsBefore}
     * stored events and {@code readBefore} read messages from earlier rounds.
     */
    private static void round(BenchEnvironment env, String url, Path requests, int posts, int messages, long eventsBefore, long readBefore,
            int wrkThreads, int connections, String script, int perPost) throws Exception {
        int statuses = 2 * messages;
        Path doneDir = Files.createTempDirectory("switchboard-wrk-done");
        String donePrefix = doneDir.resolve("thread-").toString();
        List<String> command = List.of("wrk", "-t", String.valueOf(wrkThreads), "-c", String.valueOf(connections), "-d", "600s",
                "--latency", "-s", script, url, "--", requests.toString(), String.valueOf(wrkThreads), donePrefix);
        System.out.println(String.join(" ", command));
        long start = System.nanoTime();
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        Thread reaper = new Thread(wrk::destroy, "wrk-reaper"); // a killed benchmark must not leave wrk running
        Runtime.getRuntime().addShutdownHook(reaper);
        long storedAt = 0;
        java.nio.file.Path pgData = env.home.resolve("pgdata");
        double jvmCpu0 = CpuTime.ofThisJvm();
        double pgCpu0 = CpuTime.ofPostgres(pgData);
        double wrkCpu = 0;
        double jvmCpuStored = 0;
        double pgCpuStored = 0;
        long appliedAt = 0;
        List<String> loads = new ArrayList<>();
        long nextLoad = start;
        long allEvents = eventsBefore + posts;
        long allRead = readBefore + messages;
        while (appliedAt == 0) {
            long now = System.nanoTime();
            if (now >= nextLoad) {
                loads.add(loadAverage());
                System.out.printf("    %.1f s: %d webhooks stored, %d messages read%n", (now - start) / 1e9,
                        env.count("SELECT COUNT(*) FROM webhook_events") - eventsBefore,
                        env.count("SELECT COUNT(*) FROM messages WHERE status = 'read'") - readBefore);
                nextLoad = now + 5_000_000_000L;
            }
            // The benchmark's own probes must cost PostgreSQL next to nothing: counting a table of 100,000+ rows
            // every 10 ms was a large part of the "PostgreSQL" CPU this benchmark charged to the pipeline. Each wrk
            // thread drops a file once every answer is in, and a 200 is sent only after its row is committed: so
            // "stored" is the moment all threads' files exist (checked by one count); "applied" is the first moment
            // no event is left unprocessed (an EXISTS on the claim index), checked by one count of read messages.
            if (storedAt == 0 && allAnswered(donePrefix, wrkThreads)) {
                storedAt = System.nanoTime();
                wrkCpu = CpuTime.ofProcess(wrk.pid());
                jvmCpuStored = CpuTime.ofThisJvm() - jvmCpu0;
                pgCpuStored = CpuTime.ofPostgres(pgData) - pgCpu0;
                new ProcessBuilder("kill", "-INT", String.valueOf(wrk.pid())).start().waitFor();
                if (env.count("SELECT COUNT(*) FROM webhook_events") < allEvents) {
                    throw new IllegalStateException("wrk had every answer but not every webhook was stored (refusals: see "
                            + doneDir + ")");
                }
            }
            if (storedAt != 0 && env.count("SELECT COUNT(*) FROM (SELECT 1 FROM webhook_events WHERE status = 'unprocessed' AND event_type = 'whatsapp' LIMIT 1) e") == 0
                    && env.count("SELECT COUNT(*) FROM messages WHERE status = 'read'") >= allRead) {
                appliedAt = System.nanoTime();
            }
            if (storedAt == 0 && !wrk.isAlive()) {
                throw new IllegalStateException("wrk ended before every webhook was answered");
            }
            Thread.sleep(storedAt == 0 ? 2 : 10);
        }
        wrk.waitFor();
        Runtime.getRuntime().removeShutdownHook(reaper);
        try (var done = Files.list(doneDir)) {
            for (Path f : done.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(doneDir);
        double storedSeconds = (storedAt - start) / 1e9;
        double appliedSeconds = (appliedAt - start) / 1e9;
        long events = env.count("SELECT COUNT(*) FROM webhook_events") - eventsBefore;
        long failed = env.count("SELECT COUNT(*) FROM webhook_events WHERE status <> 'processed'");
        long history = env.count("SELECT COUNT(*) FROM message_statuses WHERE status IN ('delivered', 'read')");
        long both = env.count("SELECT COUNT(*) FROM messages WHERE delivered_at IS NOT NULL AND read_at IS NOT NULL");
        System.out.printf("(b) %d statuses (%d per POST): receiver stored %d POSTs in %.2f s = %.0f POSTs/s = %.0f statuses/s; "
                        + "all applied after %.2f s = %.0f statuses/s end to end%n",
                statuses, perPost, events, storedSeconds, posts / storedSeconds, statuses / storedSeconds, appliedSeconds,
                statuses / appliedSeconds);
        System.out.printf("    check (all rounds): %d webhook_events not processed, %d delivered+read message_statuses rows, "
                + "%d messages with delivered_at and read_at%n", failed, history, both);
        System.out.println("    load average during the run (every 5 s): " + String.join(" | ", loads) + "; after: " + loadAverage());
        double jvmCpu = CpuTime.ofThisJvm() - jvmCpu0;
        double pgCpu = CpuTime.ofPostgres(pgData) - pgCpu0;
        System.out.printf("    CPU seconds while storing (%.2f s wall, 2 cores = %.2f CPU s available): wrk %.2f, this JVM %.2f, PostgreSQL %.2f, "
                        + "everything else %.2f%n", storedSeconds, 2 * storedSeconds, wrkCpu, jvmCpuStored, pgCpuStored,
                Math.max(0, 2 * storedSeconds - wrkCpu - jvmCpuStored - pgCpuStored));
        System.out.printf("    CPU seconds until all applied (%.2f s wall): this JVM %.2f, PostgreSQL %.2f; per 1,000 statuses: JVM %.3f, PostgreSQL %.3f, wrk %.3f%n",
                appliedSeconds, jvmCpu, pgCpu, 1000 * jvmCpu / statuses, 1000 * pgCpu / statuses, 1000 * wrkCpu / statuses);
    }

    private static boolean allAnswered(String donePrefix, int wrkThreads) {
        for (int i = 0; i < wrkThreads; i++) {
            if (!Files.exists(Path.of(donePrefix + i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * One request a line, {@code signature TAB body}; the file is cut into {@code slices} contiguous
     * slices (one per wrk thread), each holding its messages' {@code delivered} POSTs and then their
     * {@code read} POSTs. Returns the number of requests.
     */
    private static int writeRequests(Path file, int firstMessage, int messages, int perPost, int slices) throws IOException {
        int posts = 0;
        long ts = Instant.now().getEpochSecond();
        int groups = messages / perPost;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int s = 0; s < slices; s++) {
                int from = (int) ((long) groups * s / slices);
                int to = (int) ((long) groups * (s + 1) / slices);
                for (String status : new String[] {"delivered", "read"}) {
                    for (int g = from; g < to; g++) {
                        byte[] body = statusesBody(firstMessage + g * perPost, perPost, status, ts).getBytes(StandardCharsets.UTF_8);
                        out.write(WebhookSignature.sign(InboundBenchmark.APP_SECRET, body));
                        out.write('\t');
                        out.write(new String(body, StandardCharsets.UTF_8));
                        out.write('\n');
                        posts++;
                    }
                }
            }
        }
        System.out.printf("%d signed requests written to %s (%d bytes)%n", posts, file, Files.size(file));
        return posts;
    }

    /** Meta's status webhook: {@code count} statuses of messages {@code first..first+count-1} in one change. */
    static String statusesBody(int first, int count, String status, long ts) {
        StringBuilder b = new StringBuilder(512 + count * 400);
        b.append("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000999\",\"changes\":[{\"value\":{")
                .append("\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550100888\",\"phone_number_id\":\"")
                .append(InboundBenchmark.PHONE_NUMBER_ID).append("\"},\"statuses\":[");
        for (int i = first; i < first + count; i++) {
            if (i > first) {
                b.append(',');
            }
            String recipient = "1202555" + String.format("%04d", 1 + i % 1000);
            b.append("{\"id\":\"wamid.bench").append(i).append("\",\"status\":\"").append(status).append("\",\"timestamp\":\"").append(ts)
                    .append("\",\"recipient_id\":\"").append(recipient).append('"');
            if (status.equals("delivered")) {
                // Meta adds the conversation and pricing to sent/delivered statuses, not to read ones.
                b.append(",\"conversation\":{\"id\":\"c0ffee").append(String.format("%026d", i % 1000))
                        .append("\",\"origin\":{\"type\":\"service\"}},\"pricing\":{\"billable\":true,\"pricing_model\":\"CBP\",\"category\":\"service\"}");
            }
            b.append('}');
        }
        b.append("]},\"field\":\"messages\"}]}]}");
        return b.toString();
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}

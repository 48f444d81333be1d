package io.switchboard.bench;

import io.switchboard.channel.whatsapp.AccountCache;
import io.switchboard.channel.whatsapp.EventPoller;
import io.switchboard.channel.whatsapp.WebhookReceiver;
import io.switchboard.channel.whatsapp.WebhookSignature;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.config.SecretBox;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak: signed webhooks at a steady rate for a long time against the receiver and the event poller as
 * {@code serve} wires them, recording every {@code every} seconds the heap in use (after the collector
 * last ran), the process's resident memory, the live threads, the open connections the sender uses,
 * answers (200 / other / failed), the interval's p99 latency and the unprocessed backlog. The load is
 * open-loop: a webhook is due every 1/rate s whatever the earlier ones do, and its latency runs from
 * when it was due; like Meta, the sender keeps at most {@link #CONNECTIONS} requests (connections) in
 * flight, so a slow answer queues the next ones instead of opening ever more connections. Half are inbound text
 * messages (each a new message row, from 1,000 contacts), half delivered/read statuses for them-before
 * sent outbound messages, so the tables grow as in production.
 *
 * <p>Run: {@code bench/run.sh SoakBenchmark [minutes=30] [rate=200] [everySeconds=30]}; prints one line per interval.
 */
public final class SoakBenchmark {
    static final int CONNECTIONS = 64;

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        System.out.println("machine: " + BenchEnvironment.machine());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        long total = (long) (minutes * 60 * rate);
        try (BenchEnvironment env = new BenchEnvironment(24)) {
            WhatsAppAccountService accounts = new WhatsAppAccountService(env.db(), new SecretBox(key));
            int outbound = (int) Math.min(Integer.MAX_VALUE, total / 4 + 1);
            InboundBenchmark.setUp(env, accounts, outbound);
            WebhookReceiver receiver = new WebhookReceiver(env.db(), new AccountCache(accounts), 0).loopbackOnly();
            EventPoller poller = new EventPoller(env.db(), 2, 200);
            receiver.onStored(poller::wake).watch("event poller", poller::alive);
            receiver.start();
            poller.start();
            URI url = URI.create("http://127.0.0.1:" + receiver.port() + WebhookReceiver.PATH);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(1);
            java.util.concurrent.ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
            AtomicLong started = new AtomicLong();
            AtomicLong ok = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            long t0 = System.nanoTime();
            long period = 1_000_000_000L / rate;
            System.out.printf("soak: %.1f min at %d webhooks/s (%d in all), a line every %d s%n", minutes, rate, total, every);
            System.out.println("minute,heap_used_after_gc_mb,heap_committed_mb,rss_mb,threads,sent,ok,refused,failed,p99_ms,unprocessed");
            clock.scheduleAtFixedRate(() -> {
                long n = started.getAndIncrement();
                if (n >= total) {
                    return;
                }
                long scheduled = t0 + n * period;
                byte[] body = body(n);
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header(WebhookSignature.HEADER, WebhookSignature.sign(InboundBenchmark.APP_SECRET, body))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                senders.execute(() -> {
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 200 ? ok : refused).incrementAndGet();
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        failed.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - scheduled);
                });
            }, 0, period, TimeUnit.NANOSECONDS);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long end = t0 + (long) (minutes * 60e9);
            long next = t0 + every * 1_000_000_000L;
            while (true) {
                long now = System.nanoTime();
                if (now >= next || started.get() >= total && ok.get() + refused.get() + failed.get() >= total) {
                    long[] l = latencies.stream().mapToLong(Long::longValue).toArray();
                    latencies.clear();
                    Arrays.sort(l);
                    long p99 = l.length == 0 ? 0 : l[Math.min(l.length - 1, (int) Math.ceil(l.length * 0.99) - 1)] / 1_000_000;
                    System.out.printf("%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n", (now - t0) / 60e9, heapAfterGc(memory) >> 20,
                            memory.getHeapMemoryUsage().getCommitted() >> 20, rssMb(), threads.getThreadCount(), started.get(), ok.get(),
                            refused.get(), failed.get(), p99, env.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'"));
                    next += every * 1_000_000_000L;
                    if (started.get() >= total && ok.get() + refused.get() + failed.get() >= total || now > end + 60_000_000_000L) {
                        break;
                    }
                }
                Thread.sleep(200);
            }
            clock.shutdownNow();
            senders.shutdownNow();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (env.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'unprocessed'") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            System.out.printf("done: %d sent, %d answered 200, %d refused, %d failed; events stored %d, processed %d, failed %d; "
                            + "inbound messages %d, messages read %d%n", started.get(), ok.get(), refused.get(), failed.get(),
                    env.count("SELECT COUNT(*) FROM webhook_events"), env.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'processed'"),
                    env.count("SELECT COUNT(*) FROM webhook_events WHERE status = 'failed'"),
                    env.count("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'"), env.count("SELECT COUNT(*) FROM messages WHERE status = 'read'"));
            poller.stop();
            receiver.stop(Duration.ofSeconds(5));
        }
    }

    /** Even n: an inbound text message (a new wamid); odd n: delivered, then read, for the outbound messages set up before. */
    private static byte[] body(long n) {
        long ts = Instant.now().getEpochSecond();
        String head = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000999\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550100888\",\"phone_number_id\":\""
                + InboundBenchmark.PHONE_NUMBER_ID + "\"},";
        String tail = "},\"field\":\"messages\"}]}]}";
        String from = "1202555" + String.format("%04d", 1 + (n / 2) % 1000);
        if (n % 2 == 0) {
            return (head + "\"contacts\":[{\"profile\":{\"name\":\"Soak " + from + "\"},\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\"" + from
                    + "\",\"id\":\"wamid.soak" + n + "\",\"timestamp\":\"" + ts + "\",\"type\":\"text\",\"text\":{\"body\":\"Soak message " + n + "\"}}]"
                    + tail).getBytes(StandardCharsets.UTF_8);
        }
        long k = n / 2;
        String status = k % 2 == 0 ? "delivered" : "read";
        return (head + "\"statuses\":[{\"id\":\"wamid.bench" + k / 2 + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + ts
                + "\",\"recipient_id\":\"" + from + "\"}]" + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        long used = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used > 0 ? used : memory.getHeapMemoryUsage().getUsed();
    }

    private static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

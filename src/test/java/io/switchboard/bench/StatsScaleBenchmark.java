package io.switchboard.bench;

import io.switchboard.demo.DemoData;
import io.switchboard.stats.StatsFolder;
import io.switchboard.tenant.TenantService;
import java.time.Duration;
import java.util.UUID;
import javafx.application.Platform;

/**
 * Issue 11, point 4, in one run on one database: demo-data builds a tenant of {@code messages} messages with its
 * status history (timed, by phase), then {@link StatsBenchmark} (the 90-day report against the guide's delivery
 * query, back to back) and {@link StatsPaintBenchmark} (fresh Stats windows to painted charts; needs a display,
 * e.g. Xvfb) run on it. The data folder is a throw-away one, deleted at the end.
 * Usage: DISPLAY=:72 bench/run.sh StatsScaleBenchmark [messages=10000000] [reportRuns=30] [windowRuns=15]
 */
public final class StatsScaleBenchmark {
    private StatsScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long messages = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000;
        int reportRuns = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int windowRuns = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        System.out.println(BenchEnvironment.machine());
        System.out.println("load average before: " + load());
        try (BenchEnvironment env = new BenchEnvironment(4)) {
            UUID tenant = new TenantService(env.db()).create("Stats at scale").id();
            long t0 = System.nanoTime();
            DemoData.Result r = new DemoData(env.db()).fill(tenant, (int) Math.max(1, messages / 12), messages, 11L);
            System.out.printf("demo-data: %,d contacts, %,d messages, %,d status events in %.1f s; phases (ms) %s; load %s%n", r.contacts(),
                    r.messages(), r.statuses(), (System.nanoTime() - t0) / 1e9, r.phases(), load());
            new StatsFolder(env.db(), Duration.ofSeconds(1)).foldAll();
            System.out.printf("counter rows: %,d; messages: %,d; message_statuses: %,d; response_times: %,d; database size: %s%n",
                    env.count("SELECT COUNT(*) FROM stats_counters"), env.count("SELECT COUNT(*) FROM messages"),
                    env.count("SELECT COUNT(*) FROM message_statuses"), env.count("SELECT COUNT(*) FROM response_times"),
                    env.db().inJdbcTransaction(c -> {
                        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))")) {
                            rs.next();
                            return rs.getString(1);
                        }
                    }));
            System.out.println("== StatsBenchmark (database) ==");
            StatsBenchmark.measure(env, tenant, reportRuns);
            System.out.println("load: " + load());
            System.out.println("== StatsPaintBenchmark (window) ==");
            StatsPaintBenchmark.measure(env, tenant, windowRuns, java.util.List.of("cold", "warm"));
            Platform.exit();
        }
        System.exit(0);
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

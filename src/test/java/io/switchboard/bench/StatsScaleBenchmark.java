package io.switchboard.bench;

import io.switchboard.demo.DemoData;
import io.switchboard.stats.StatsFolder;
import io.switchboard.tenant.TenantService;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.application.Platform;

/**
 * Issue 11, point 4, in one run on one database: demo-data builds a tenant of {@code messages} messages with its
 * status history (timed, by phase), then {@link StatsBenchmark} (the 90-day report against the guide's delivery
 * query, back to back) and {@link StatsPaintBenchmark} (fresh Stats windows to painted charts; needs a display,
 * e.g. Xvfb) run on it. The data folder is a throw-away one, deleted at the end, unless {@code BENCH_HOME} names
 * one to keep (see {@link BenchEnvironment}): then a tenant "Stats at scale" that an earlier run filled there is
 * measured again as it is (after the app's start-up migrated the schema), and demo-data does not run.
 * windowRuns 0 measures no window (no display needed).
 * Usage: [BENCH_HOME=/work/bench10m] DISPLAY=:72 bench/run.sh StatsScaleBenchmark [messages=10000000] [reportRuns=30] [windowRuns=15]
 */
public final class StatsScaleBenchmark {
    private static final String TENANT_NAME = "Stats at scale";

    private StatsScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long messages = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000;
        int reportRuns = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int windowRuns = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        System.out.println(BenchEnvironment.machine());
        System.out.println("load average before: " + load());
        // Fewer checkpoints during the fill: every checkpoint makes the next change of each index page write the
        // whole page to the WAL again, which is most of the WAL of a large random-key fill (stats-12).
        try (BenchEnvironment env = new BenchEnvironment(4, Map.of("max_wal_size", "8GB", "checkpoint_timeout", "30min"))) {
            Optional<UUID> filled = filledTenant(env);
            UUID tenant;
            if (filled.isPresent()) {
                tenant = filled.get();
                System.out.printf("reusing the filled tenant \"%s\" %s in %s: demo-data NOT run again (%,d messages)%n", TENANT_NAME, tenant, env.home,
                        env.count("SELECT COUNT(*) FROM messages WHERE tenant_id = '" + tenant + "'"));
            } else {
                tenant = emptyTenant(env).orElseGet(() -> new TenantService(env.db()).create(TENANT_NAME).id());
                long t0 = System.nanoTime();
                DemoData.Result r = new DemoData(env.db()).fill(tenant, (int) Math.max(1, messages / 12), messages, 11L);
                System.out.printf("demo-data: %,d contacts, %,d messages, %,d status events in %.1f s; phases (ms) %s; load %s%n", r.contacts(),
                        r.messages(), r.statuses(), (System.nanoTime() - t0) / 1e9, r.phases(), load());
            }
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
            if (windowRuns > 0) {
                System.out.println("== StatsPaintBenchmark (window) ==");
                StatsPaintBenchmark.measure(env, tenant, windowRuns, java.util.List.of("cold", "warm"));
                Platform.exit();
            } else {
                System.out.println("windowRuns = 0: no Stats window measured (no display needed)");
            }
        }
        System.exit(0);
    }

    /** The tenant an earlier run filled in a kept folder (BENCH_HOME): it has messages. */
    private static Optional<UUID> filledTenant(BenchEnvironment env) {
        return tenant(env, "EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = t.id)");
    }

    /** The tenant an earlier run created but whose fill did not commit: reused so the folder holds one such tenant. */
    private static Optional<UUID> emptyTenant(BenchEnvironment env) {
        return tenant(env, "NOT EXISTS (SELECT 1 FROM messages m WHERE m.tenant_id = t.id)");
    }

    private static Optional<UUID> tenant(BenchEnvironment env, String condition) {
        return env.db().inJdbcTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT t.id FROM tenants t WHERE t.name = ? AND " + condition + " ORDER BY t.created_at LIMIT 1")) {
                ps.setString(1, TENANT_NAME);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.<UUID>empty();
                }
            }
        });
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

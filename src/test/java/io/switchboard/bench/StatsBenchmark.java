package io.switchboard.bench;

import io.switchboard.demo.DemoData;
import io.switchboard.stats.StatsFolder;
import io.switchboard.stats.StatsRange;
import io.switchboard.stats.StatsService;
import io.switchboard.tenant.TenantService;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Opening Stats for 90 days (the whole report: delivery, failures, volume, hours, response times,
 * breakdowns, health — all database work of StatsService.report) against the guide's delivery query
 * (StatsService.deliveryByTenant, a full scan) on the same demo database, timed back to back.
 * Usage: bench/run.sh StatsBenchmark [messages=1000000] [runs=30]
 */
public final class StatsBenchmark {
    private StatsBenchmark() {
    }

    public static void main(String[] args) {
        long messages = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        System.out.println(BenchEnvironment.machine());
        try (BenchEnvironment env = new BenchEnvironment(4)) {
            UUID tenant = new TenantService(env.db()).create("Stats bench").id();
            long t0 = System.nanoTime();
            var r = new DemoData(env.db()).fill(tenant, (int) Math.max(1, messages / 12), messages, 11L);
            System.out.printf("demo-data: %,d messages in %.1f s (counted by stats_rebuild in the same transaction)%n", r.messages(),
                    (System.nanoTime() - t0) / 1e9);
            new StatsFolder(env.db(), Duration.ofSeconds(1)).foldAll();
            System.out.printf("counter rows: %,d; messages: %,d%n", env.count("SELECT COUNT(*) FROM stats_counters"), env.count("SELECT COUNT(*) FROM messages"));
            measure(env, tenant, runs);
            System.out.println("load average after: " + loadAverage());
        }
    }


    /** The report against the guide's delivery query, back to back, on the filled tenant. */
    static void measure(BenchEnvironment env, UUID tenant, int runs) {
        StatsService stats = new StatsService(env.db());
        StatsRange range = StatsRange.lastDays(90, ZoneOffset.UTC, Clock.systemUTC());
        List<Double> report = new ArrayList<>();
        List<Double> guide = new ArrayList<>();
        long sent = 0;
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            sent += stats.report(tenant, range).delivery().sent();
            report.add((System.nanoTime() - a) / 1e6);
            if (i % 3 == 0) {
                long b = System.nanoTime();
                stats.deliveryByTenant();
                guide.add((System.nanoTime() - b) / 1e6);
            }
        }
        System.out.printf("Stats report, 90 days (%d runs): p50 %.1f ms, p95 %.1f ms; sent in range %,d%n", runs, pct(report, 50), pct(report, 95), sent / runs);
        System.out.printf("guide delivery query (%d runs): p50 %.1f ms, p95 %.1f ms%n", guide.size(), pct(guide, 50), pct(guide, 95));
        System.out.printf("ratio guide / report at p50: %.1f%n", pct(guide, 50) / pct(report, 50));
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

package io.switchboard.bench;

import io.switchboard.backup.BackupProgress;
import io.switchboard.backup.BackupService;
import io.switchboard.backup.BackupSummary;
import io.switchboard.backup.RestoreSummary;
import io.switchboard.demo.DemoData;
import io.switchboard.tenant.TenantService;
import java.nio.file.Path;
import java.util.UUID;

/**
 * How long a backup and a restore of a big inbox take on the embedded server a user gets:
 * demo-data fills a tenant, {@code backup} writes it, {@code restore} loads it into a second fresh
 * data folder, and the message count is checked on both sides.
 * Usage: {@code bench/run.sh BackupBenchmark [conversations=10000] [messages=200000]}
 */
public final class BackupBenchmark {
    private BackupBenchmark() {
    }

    public static void main(String[] args) {
        int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        System.out.println("machine: " + BenchEnvironment.machine());
        try (BenchEnvironment source = new BenchEnvironment(4)) {
            UUID tenant = new TenantService(source.db()).create("Bench").id();
            new DemoData(source.db()).fill(tenant, conversations, messages, 1);
            Path file = source.home.resolve("bench.sbk");
            long start = System.nanoTime();
            BackupSummary backup = new BackupService(source.db()).backUp(file, BackupProgress.NONE);
            double backupSeconds = (System.nanoTime() - start) / 1e9;
            try (BenchEnvironment target = new BenchEnvironment(4)) {
                start = System.nanoTime();
                RestoreSummary restore = new BackupService(target.db()).restore(file, BackupProgress.NONE);
                double restoreSeconds = (System.nanoTime() - start) / 1e9;
                long before = source.count("SELECT count(*) FROM messages");
                long after = target.count("SELECT count(*) FROM messages");
                if (before != after || restore.rows() != backup.rows()) {
                    throw new AssertionError("restore lost rows: " + before + " messages before, " + after + " after");
                }
                System.out.printf("rows %,d (messages %,d) file %,d bytes (%.1f bytes/row)%n", backup.rows(), after, backup.bytes(),
                        (double) backup.bytes() / backup.rows());
                System.out.printf("backup  %.2f s = %,.0f rows/s%n", backupSeconds, backup.rows() / backupSeconds);
                System.out.printf("restore %.2f s = %,.0f rows/s (checking the file, then loading in one transaction)%n", restoreSeconds,
                        restore.rows() / restoreSeconds);
                System.out.println("load average " + loadAverage());
            }
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}

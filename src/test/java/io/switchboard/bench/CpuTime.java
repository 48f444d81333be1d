package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from /proc) of this JVM, of a PostgreSQL server (its postmaster and every
 * backend) and of another process, so a benchmark can say where the machine's time went. Linux only;
 * elsewhere every figure is 0.
 */
final class CpuTime {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private CpuTime() {
    }

    /** CPU seconds of the process {@code pid} so far (0 if it is gone). */
    static double ofProcess(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static double ofThisJvm() {
        return ofProcess(ProcessHandle.current().pid());
    }

    /** CPU seconds of the postmaster of {@code pgData} and all its live children (backends, WAL writer, checkpointer…). */
    static double ofPostgres(Path pgData) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
            double total = ofProcess(postmaster);
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                total += procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .filter(p -> parent(p) == postmaster)
                        .mapToDouble(p -> ofProcess(Long.parseLong(p.getFileName().toString()))).sum();
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long parent(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

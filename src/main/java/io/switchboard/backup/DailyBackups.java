package io.switchboard.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The solo inbox's safety net: a backup a day in {@code <data folder>/backups}, named
 * {@code switchboard-YYYY-MM-DD.sbk}, the newest {@value #KEEP} kept. Checked when the app or
 * {@code serve} starts and every hour while it runs; a backup is taken when the newest one is
 * older than a day. A failed attempt is logged and tried again at the next check.
 */
public final class DailyBackups implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DailyBackups.class);
    public static final int KEEP = 7;
    static final Duration EVERY = Duration.ofHours(24);
    static final Duration CHECK_EVERY = Duration.ofHours(1);
    /** Gives the start of the app a moment before the first backup competes with it for the disk. */
    static final Duration FIRST_CHECK_AFTER = Duration.ofSeconds(30);
    private static final Pattern NAME = Pattern.compile("switchboard-\\d{4}-\\d{2}-\\d{2}\\" + BackupService.EXTENSION);

    /** The newest backup: its file and when it was taken. */
    public record Last(Path file, Instant takenAt) {
    }

    private final BackupService service;
    private final Path folder;
    private final Clock clock;
    private ScheduledExecutorService schedule;

    public DailyBackups(BackupService service, Path dataFolder, Clock clock) {
        this.service = service;
        this.folder = dataFolder.resolve("backups");
        this.clock = clock;
    }

    /** Starts the hourly check on a thread of its own. */
    public DailyBackups start() {
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-daily-backup");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        schedule.scheduleWithFixedDelay(this::takeIfDueLogged, FIRST_CHECK_AFTER.toSeconds(), CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    public Path folder() {
        return folder;
    }

    /** The newest daily backup, if any. */
    public Optional<Last> last() {
        return files().stream().findFirst().map(f -> new Last(f, modified(f)));
    }

    /** Takes today's backup if the newest is older than a day (or there is none), then keeps the newest {@value #KEEP}. */
    public synchronized Optional<BackupSummary> takeIfDue() {
        Optional<Last> last = last();
        Instant now = clock.instant();
        if (last.isPresent() && Duration.between(last.get().takenAt(), now).compareTo(EVERY) < 0) {
            return Optional.empty();
        }
        Path file = folder.resolve("switchboard-" + LocalDate.ofInstant(now, ZoneId.systemDefault()) + BackupService.EXTENSION);
        BackupSummary summary = service.backUp(file, BackupProgress.NONE);
        try {
            // The file's time is the snapshot's, so "last backup" reads the same after a restart.
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(now));
        } catch (IOException e) {
            log.warn("could not stamp {}", file, e);
        }
        prune();
        log.info("daily backup written to {} ({} rows)", file, summary.rows());
        return Optional.of(summary);
    }

    private void takeIfDueLogged() {
        try {
            takeIfDue();
        } catch (RuntimeException e) {
            log.error("the daily backup failed; it is tried again in an hour", e);
        }
    }

    private void prune() {
        List<Path> files = files();
        for (Path old : files.subList(Math.min(KEEP, files.size()), files.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                log.warn("could not remove the old backup {}", old, e);
            }
        }
    }

    /** Daily backup files, newest first (their names sort by date). */
    private List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            log.warn("could not list {}", folder, e);
            return List.of();
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
            try {
                schedule.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

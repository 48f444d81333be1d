package io.switchboard.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DailyBackupsTest {
    @TempDir
    Path home;

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void takesOneBackupADayIntoTheDataFolderAndKeepsTheNewestSeven() throws Exception {
        MovableClock clock = new MovableClock();
        try (Database db = TestDatabase.open()) {
            new InboxFixtures(db).tenant("Acme");
            DailyBackups daily = new DailyBackups(new BackupService(db), home, clock);
            assertThat(daily.last()).isEmpty();
            // Eight older backups from earlier weeks: the oldest go once a new one is taken.
            Files.createDirectories(daily.folder());
            for (int day = 1; day <= 8; day++) {
                Path old = Files.writeString(daily.folder().resolve("switchboard-2026-02-0" + day + ".sbk"), "old");
                Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-02-0" + day + "T03:00:00Z")));
            }
            Files.writeString(daily.folder().resolve("someone-elses.sbk"), "kept");

            Optional<BackupSummary> first = daily.takeIfDue();
            assertThat(first).isPresent();
            String today = "switchboard-" + java.time.LocalDate.ofInstant(clock.now, ZoneId.systemDefault()) + ".sbk";
            assertThat(first.get().file().getFileName()).hasToString(today);
            assertThat(first.get().rows()).as("the tenant and the audit log's record of its creation").isEqualTo(2);
            assertThat(daily.last()).contains(new DailyBackups.Last(daily.folder().resolve(today), clock.now));

            clock.now = clock.now.plus(Duration.ofHours(23));
            assertThat(daily.takeIfDue()).as("not a day old yet").isEmpty();

            clock.now = clock.now.plus(Duration.ofHours(2));
            assertThat(daily.takeIfDue()).isPresent();
            assertThat(daily.last().orElseThrow().takenAt()).isEqualTo(clock.now);

            try (Stream<Path> files = Files.list(daily.folder())) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted())
                        .containsExactly("someone-elses.sbk", "switchboard-2026-02-04.sbk", "switchboard-2026-02-05.sbk", "switchboard-2026-02-06.sbk",
                                "switchboard-2026-02-07.sbk", "switchboard-2026-02-08.sbk", today,
                                "switchboard-" + java.time.LocalDate.ofInstant(clock.now, ZoneId.systemDefault()) + ".sbk");
            }
        }
    }
}

package io.switchboard.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.db.Database;
import io.switchboard.demo.DemoData;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refused restore says why in one sentence and leaves the target database as it was. */
class RestoreRefusalsTest {
    @TempDir
    static Path shared;
    @TempDir
    Path folder;
    private static Path good;
    private Database target;

    @BeforeAll
    static void backUpASmallInbox() {
        try (Database source = TestDatabase.open()) {
            new DemoData(source).fill(new InboxFixtures(source).tenant("Acme"), 10, 60, 3);
            good = new BackupService(source).backUp(shared.resolve("good.sbk"), BackupProgress.NONE).file();
        }
    }

    @BeforeEach
    void emptyTarget() {
        target = Database.connect(TestDatabase.emptyDatabase(), 2, "test");
    }

    @AfterEach
    void close() {
        target.close();
    }

    @Test
    void aFileFromANewerSchemaIsRefused() throws IOException {
        Path newer = rewrite("newer.sbk", (name, bytes) -> name.equals(Manifest.ENTRY)
                ? text(bytes).replaceFirst("\"schema_version\" : \"[^\"]+\"", "\"schema_version\" : \"999\"").getBytes(StandardCharsets.UTF_8) : bytes);

        assertRefused(newer, "was taken at schema version 999, newer than this Switchboard knows");
    }

    @Test
    void aFileWhoseDataWasChangedFailsItsChecksum() throws IOException {
        Path changed = rewrite("changed.sbk", (name, bytes) -> name.contains("-messages.copy") ? flipOneDigit(bytes) : bytes);

        assertRefused(changed, "fails its checksum (table messages is not what was backed up)");
    }

    @Test
    void aFileWithADamagedByteIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        bytes[bytes.length / 3] ^= 0x5A;
        Path damaged = Files.write(folder.resolve("damaged.sbk"), bytes);

        assertThatThrownBy(() -> new BackupService(target).restore(damaged, BackupProgress.NONE))
                .isInstanceOf(BackupRefusedException.class).hasMessageContaining("nothing was restored");
        assertThat(publicTables()).isZero();
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(folder.resolve("truncated.sbk"), Arrays.copyOf(bytes, bytes.length - 40));

        assertRefused(truncated, "is not a complete Switchboard backup (it is cut short or not a backup file); nothing was restored.");
    }

    @Test
    void somethingElseThanABackupIsRefused() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.sbk"), "not a backup");

        assertRefused(text, "is not a complete Switchboard backup");
        assertRefused(folder.resolve("missing.sbk"), "There is no backup file at");
    }

    @Test
    void aDatabaseThatHoldsRowsIsRefusedAndKeepsThem() throws Exception {
        try (Database used = TestDatabase.open()) {
            new InboxFixtures(used).tenant("Already here");
            Map<String, String> before = BackupRoundTripTest.fingerprint(used);

            assertThatThrownBy(() -> new BackupService(used).restore(good, BackupProgress.NONE))
                    .isInstanceOf(BackupRefusedException.class)
                    .hasMessage("The database is not empty (audit_log, tenants hold rows); restore only into an empty database or a fresh data folder."
                            + " Nothing was restored.");
            assertThat(BackupRoundTripTest.fingerprint(used)).isEqualTo(before);
        }
    }

    @Test
    void anEmptyDatabaseWhoseSchemaIsAheadOfTheFileIsRefused() throws IOException {
        Path older = rewrite("older.sbk", (name, bytes) -> name.equals(Manifest.ENTRY)
                ? text(bytes).replaceFirst("\"schema_version\" : \"[^\"]+\"", "\"schema_version\" : \"1\"").getBytes(StandardCharsets.UTF_8) : bytes);
        try (Database migrated = Database.connect(TestDatabase.migratedDatabase(), 2, "test")) {
            assertThatThrownBy(() -> new BackupService(migrated).restore(older, BackupProgress.NONE))
                    .isInstanceOf(BackupRefusedException.class).hasMessageContaining("newer than the file's (1)");
        }
    }

    private void assertRefused(Path file, String sentence) {
        assertThatThrownBy(() -> new BackupService(target).restore(file, BackupProgress.NONE))
                .isInstanceOf(BackupRefusedException.class).hasMessageContaining(sentence);
        assertThat(publicTables()).as("nothing created in the target").isZero();
    }

    private long publicTables() {
        return FilledTenant.count(target, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()");
    }

    private Path rewrite(String name, BiFunction<String, byte[], byte[]> change) throws IOException {
        Path out = folder.resolve(name);
        try (ZipFile in = new ZipFile(good.toFile()); OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(change.apply(entry.getName(), bytes));
                zip.closeEntry();
            }
        }
        return out;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One digit changed, the length kept: only a checksum can tell. */
    private static byte[] flipOneDigit(byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = copy.length / 2; i < copy.length; i++) {
            if (copy[i] >= '0' && copy[i] <= '8') {
                copy[i]++;
                return copy;
            }
        }
        throw new AssertionError("no digit to change");
    }
}

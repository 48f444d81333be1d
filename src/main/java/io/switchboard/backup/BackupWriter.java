package io.switchboard.backup;

import io.switchboard.app.Version;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes one consistent snapshot of every table into a backup file. Everything is read in one
 * REPEATABLE READ, read-only transaction, so the file is the database as it was at one instant
 * while the app goes on writing. Tables travel as COPY text through the JDBC driver (no pg_dump,
 * no server-side file, no superuser). The file is written beside its target and moved into place
 * only when complete, so a crash never leaves a half file under the backup's name.
 */
final class BackupWriter {
    private final DataSource dataSource;

    BackupWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    BackupSummary write(Path file, BackupProgress progress) {
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            BackupSummary summary;
            try (Connection c = dataSource.getConnection()) {
                summary = snapshot(c, partial, progress);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new BackupSummary(target, summary.schemaVersion(), summary.tables(), summary.rows(), Files.size(target), summary.takenAt());
        } catch (IOException | SQLException e) {
            deleteQuietly(partial);
            throw new BackupFailedException("Could not write the backup to " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private BackupSummary snapshot(Connection c, Path partial, BackupProgress progress) throws SQLException, IOException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            SchemaCatalog.fixTextSettings(c);
            progress.report("Reading the schema", 0, 0);
            // The first query of the transaction fixes its snapshot; every read below sees that instant.
            Map<String, List<String>> tables = SchemaCatalog.tables(c);
            String schemaVersion = SchemaCatalog.schemaVersion(c).orElseThrow(() -> new BackupRefusedException(
                    "The database has no Switchboard schema (no Flyway history), so there is nothing to back up."));
            List<String> order = SchemaCatalog.loadOrder(c, tables.keySet());
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : order) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + SchemaCatalog.quote(table))) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            List<Manifest.Sequence> sequences = SchemaCatalog.sequences(c);
            Instant takenAt = Instant.now();
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            MessageDigest content = sha256();
            List<Manifest.Table> written = new ArrayList<>();
            long done = 0;
            try (OutputStream file = ownerOnly(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.setLevel(Deflater.BEST_SPEED);
                for (int i = 0; i < order.size(); i++) {
                    String table = order.get(i);
                    List<String> columns = tables.get(table);
                    String entry = String.format("data/%02d-%s.copy", i + 1, table);
                    zip.putNextEntry(new ZipEntry(entry));
                    MessageDigest digest = sha256();
                    long before = done;
                    String step = "Reading " + table;
                    progress.report(step, done, total);
                    RowStreams.Out rows = new RowStreams.Out(new DigestOutputStream(new DigestOutputStream(zip, digest), content),
                            n -> progress.report(step, before + n, total));
                    long copied = copy.copyOut("COPY (SELECT " + SchemaCatalog.columnList(columns) + " FROM " + SchemaCatalog.quote(table)
                            + ") TO STDOUT", rows);
                    rows.flush();
                    zip.closeEntry();
                    if (copied != counts.get(table) || rows.rows != copied) {
                        throw new BackupFailedException("The snapshot of " + table + " changed while it was read (" + counts.get(table)
                                + " rows counted, " + copied + " copied); nothing was written.", null);
                    }
                    done += copied;
                    written.add(new Manifest.Table(table, entry, columns, copied, rows.bytes, HexFormat.of().formatHex(digest.digest())));
                }
                Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, takenAt.toString(), Version.current(), schemaVersion,
                        Manifest.COPY_FORMAT, written, sequences, HexFormat.of().formatHex(content.digest()));
                zip.putNextEntry(new ZipEntry(Manifest.ENTRY));
                zip.write(manifest.toJson());
                zip.closeEntry();
            }
            c.commit();
            progress.report("Backed up", total, total);
            return new BackupSummary(partial, schemaVersion, written.size(), total, 0, takenAt);
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setReadOnly(false);
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * A backup holds every message of every tenant: on a system with POSIX permissions it is
     * created readable by its owner only (0600), in a folder only the owner can list (0700).
     */
    private static OutputStream ownerOnly(Path partial) throws IOException {
        Files.deleteIfExists(partial);
        if (!partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.newOutputStream(partial);
        }
        Path folder = partial.getParent();
        if (folder.getFileName() != null && folder.getFileName().toString().equals("backups")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.newOutputStream(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the next backup replaces it
        }
    }
}

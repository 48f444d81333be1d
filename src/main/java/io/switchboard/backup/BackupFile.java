package io.switchboard.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A backup file opened for restoring: its manifest, a full check of its content against the
 * manifest's checksums and row counts, and each table's data. Every way a file can be unusable
 * ends in a {@link BackupRefusedException} before anything in the database changes.
 */
final class BackupFile implements AutoCloseable {
    private final Path path;
    private final ZipFile zip;
    private final Manifest manifest;

    private BackupFile(Path path, ZipFile zip, Manifest manifest) {
        this.path = path;
        this.zip = zip;
        this.manifest = manifest;
    }

    static BackupFile open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new BackupRefusedException("There is no backup file at " + path + ".");
        }
        ZipFile zip;
        try {
            // The manifest is the last entry and the zip directory comes after it: a file cut short loses both.
            zip = new ZipFile(path.toFile());
        } catch (IOException e) {
            throw incomplete(path, e);
        }
        try {
            ZipEntry entry = zip.getEntry(Manifest.ENTRY);
            if (entry == null) {
                throw incomplete(path, null);
            }
            Manifest manifest;
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = Manifest.read(in);
            }
            if (!Manifest.FORMAT.equals(manifest.format()) || manifest.tables() == null || manifest.schemaVersion() == null) {
                throw incomplete(path, null);
            }
            if (manifest.formatVersion() > Manifest.FORMAT_VERSION) {
                throw new BackupRefusedException("The file " + path.getFileName() + " uses backup format " + manifest.formatVersion()
                        + ", newer than this Switchboard reads (" + Manifest.FORMAT_VERSION + "); restore it with a newer Switchboard.");
            }
            return new BackupFile(path, zip, manifest);
        } catch (IOException | RuntimeException e) {
            closeQuietly(zip);
            throw e instanceof BackupRefusedException refused ? refused : incomplete(path, e);
        }
    }

    private static BackupRefusedException incomplete(Path path, Exception cause) {
        return new BackupRefusedException("The file " + path.getFileName()
                + " is not a complete Switchboard backup (it is cut short or not a backup file); nothing was restored.", cause);
    }

    Manifest manifest() {
        return manifest;
    }

    /** Reads every table's data once, checking its SHA-256, its row count and the checksum over all of it. */
    void verify(BackupProgress progress) {
        long total = manifest.totalRows();
        long done = 0;
        MessageDigest content = BackupWriter.sha256();
        byte[] buffer = new byte[64 * 1024];
        for (Manifest.Table table : manifest.tables()) {
            MessageDigest digest = BackupWriter.sha256();
            long before = done;
            String step = "Checking " + table.name();
            try (RowStreams.In in = new RowStreams.In(new DigestInputStream(new DigestInputStream(data(table), digest), content),
                    n -> progress.report(step, before + n, total))) {
                while (in.read(buffer) >= 0) {
                    // reading is the check
                }
                if (in.rows != table.rows() || !HexFormat.of().formatHex(digest.digest()).equals(table.sha256())) {
                    throw damaged("table " + table.name() + " is not what was backed up", null);
                }
            } catch (IOException e) {
                throw damaged("table " + table.name() + " cannot be read", e);
            }
            done += table.rows();
            progress.report(step, done, total);
        }
        if (!HexFormat.of().formatHex(content.digest()).equals(manifest.contentSha256())) {
            throw damaged("its content checksum does not match", null);
        }
    }

    private BackupRefusedException damaged(String what, Exception cause) {
        return new BackupRefusedException("The file " + path.getFileName() + " fails its checksum (" + what
                + "): it is damaged, and nothing was restored.", cause);
    }

    InputStream data(Manifest.Table table) throws IOException {
        ZipEntry entry = zip.getEntry(table.entry());
        if (entry == null) {
            throw damaged("table " + table.name() + " is missing", null);
        }
        return zip.getInputStream(entry);
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}

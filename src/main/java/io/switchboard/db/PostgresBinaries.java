package io.switchboard.db;

import io.switchboard.config.OwnerOnly;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL programs (initdb, pg_ctl, postgres) bundled in the jar, unpacked once per user
 * into a private cache folder (0700). Not into /tmp/embedded-pg as the library would: that folder is
 * writable by every account, which could plant its own "postgres" there for us to run.
 */
final class PostgresBinaries {
    private static Path unpacked;

    private PostgresBinaries() {
    }

    /** The folder holding bin/, lib/ and share/, unpacked on first use. */
    static synchronized Path home() throws IOException {
        if (unpacked != null && Files.isExecutable(unpacked.resolve("bin").resolve(exe("postgres")))) {
            return unpacked;
        }
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os(), architecture())) {
            if (in == null) {
                throw new IOException("this jar has no PostgreSQL for " + os() + " " + architecture());
            }
            archive = in.readAllBytes();
        }
        Path cache = OwnerOnly.folder(cacheFolder());
        Path target = cache.resolve("postgres-" + digest(archive));
        if (!Files.isRegularFile(target.resolve(".complete"))) {
            Path partial = Files.createTempDirectory(cache, "unpacking-");
            extract(archive, partial);
            Files.createFile(partial.resolve(".complete"));
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
                // another Switchboard unpacked the same archive meanwhile; use theirs
                deleteTree(partial);
            }
        }
        unpacked = target;
        return target;
    }

    static Path bin(String program) throws IOException {
        return home().resolve("bin").resolve(exe(program));
    }

    private static void extract(byte[] archive, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("refusing an archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0111) != 0 || entry.getName().replace("./", "").startsWith("bin/")) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The user's cache folder: ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. */
    private static Path cacheFolder() {
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local == null || local.isBlank() ? Path.of(home, "AppData", "Local") : Path.of(local)).resolve("Switchboard");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "Switchboard");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg == null || xdg.isBlank() ? Path.of(home, ".cache") : Path.of(xdg)).resolve("switchboard");
    }

    private static String digest(byte[] archive) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }

    private static String exe(String program) {
        return windows() ? program + ".exe" : program;
    }

    /** The names the bundled archives use, as the library resolves them. */
    private static String os() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("win") ? "Windows" : os.contains("mac") ? "Darwin" : "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }
}

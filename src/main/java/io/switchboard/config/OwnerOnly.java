package io.switchboard.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only the account running Switchboard may open: folders 0700, files 0600.
 * Java has no umask, so each is created with its mode rather than tightened after a window in
 * which another account could have opened it. On Windows (no POSIX modes) the data folder lives
 * in the user's own profile, which is private already.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates the folder (and missing parents, those with the default mode) and makes it 0700. */
    public static Path folder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent());
            try {
                if (posix(folder.getParent())) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
                } else {
                    Files.createDirectory(folder);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process made it first; the mode is set below
            }
        }
        restrict(folder, FOLDER);
        return folder;
    }

    /** Creates the file empty if missing, and makes it 0600. */
    public static Path file(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                if (posix(file.getParent())) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile; the mode is set below
            }
        }
        restrict(file, FILE);
        return file;
    }

    /** Writes a new file with {@code content}, 0600 from its first byte on. */
    public static void write(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        file(file);
        Files.writeString(file, content, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean posix(Path folder) {
        return folder != null && folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, mode);
        } catch (UnsupportedOperationException windows) {
            // no POSIX modes on this file system
        }
    }
}

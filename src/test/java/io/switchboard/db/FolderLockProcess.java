package io.switchboard.db;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Another process touching a data folder's {@code server.lock}, as a second Switchboard would:
 * {@code hold FOLDER} takes the lock and keeps it (an instance that is still starting);
 * {@code probe FOLDER} prints "free" or "held" and exits.
 */
public final class FolderLockProcess {
    private FolderLockProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createDirectories(Path.of(args[1]));
        try (FileChannel channel = new RandomAccessFile(folder.resolve("server.lock").toFile(), "rw").getChannel()) {
            FileLock lock = channel.tryLock();
            if (args[0].equals("probe")) {
                System.out.println(lock == null ? "held" : "free");
                return;
            }
            System.out.println(lock == null ? "held" : "locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Starts this class in a JVM of its own. */
    static Process start(String mode, Path folder) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                FolderLockProcess.class.getName(), mode, folder.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Its first line of output. */
    static String firstLine(Process process) throws java.io.IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)).readLine();
    }
}

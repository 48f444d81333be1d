package io.switchboard.backup;

/** A backup or restore that could not finish (disk full, connection lost); nothing was written or changed. */
public class BackupFailedException extends RuntimeException {
    public BackupFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

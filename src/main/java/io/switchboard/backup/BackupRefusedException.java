package io.switchboard.backup;

/**
 * A restore (or backup) that was refused before it changed anything; the message is one sentence
 * that says what is wrong and what to do.
 */
public class BackupRefusedException extends RuntimeException {
    public BackupRefusedException(String message) {
        super(message);
    }

    public BackupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}

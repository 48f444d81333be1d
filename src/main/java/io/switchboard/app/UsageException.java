package io.switchboard.app;

/** A command line Switchboard does not understand; exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}

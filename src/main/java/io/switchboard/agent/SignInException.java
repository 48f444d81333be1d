package io.switchboard.agent;

/** A sign-in that did not succeed, in one sentence the dialog shows as it is. Nothing was changed. */
public class SignInException extends RuntimeException {
    private final boolean credentialsRefused;

    public SignInException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** {@code credentialsRefused}: the server refused this login with this password (not the network, not the schema). */
    public SignInException(String message, Throwable cause, boolean credentialsRefused) {
        super(message, cause);
        this.credentialsRefused = credentialsRefused;
    }

    /** True when the password (or the login it goes with) is what was refused: a kept password must then be forgotten. */
    public boolean credentialsRefused() {
        return credentialsRefused;
    }
}

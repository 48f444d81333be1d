package io.switchboard.agent;

/** A sign-in that did not succeed, in one sentence the dialog shows as it is. Nothing was changed. */
public class SignInException extends RuntimeException {
    public SignInException(String message, Throwable cause) {
        super(message, cause);
    }
}

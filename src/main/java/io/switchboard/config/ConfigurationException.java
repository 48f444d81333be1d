package io.switchboard.config;

/** A problem the user fixes by changing configuration; its message names the variable or file. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}

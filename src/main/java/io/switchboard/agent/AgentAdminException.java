package io.switchboard.agent;

/** Managing agents was refused by the database (a privilege the connected role lacks); one sentence says which. Nothing changed. */
public class AgentAdminException extends RuntimeException {
    public AgentAdminException(String message) {
        super(message);
    }

    public AgentAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}

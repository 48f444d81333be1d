package io.switchboard.agent;

import java.security.SecureRandom;

/**
 * A one-time password for an agent's login: printed once to the admin, who hands it over; the agent
 * changes it at the first sign-in. Never logged: toString hides it.
 */
public record NewPassword(String login, String password) {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No look-alikes (0/O, 1/l/I): it is read off a screen and typed. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    static NewPassword generate(String login) {
        StringBuilder p = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            p.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new NewPassword(login, p.toString());
    }

    @Override
    public String toString() {
        return "NewPassword[" + login + ", hidden]";
    }
}

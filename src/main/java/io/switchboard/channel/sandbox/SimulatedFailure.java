package io.switchboard.channel.sandbox;

/**
 * A failure the sandbox answers a valid send with, instead of accepting it: Meta-style error JSON with
 * {@code code} and {@code message} under HTTP {@code httpStatus}, or a bare status without a body when
 * {@code code} is null (as a proxy in front of Meta might answer).
 */
public record SimulatedFailure(int httpStatus, Integer code, String message) {

    public static SimulatedFailure serverError() {
        return new SimulatedFailure(500, null, null);
    }

    public static SimulatedFailure tooManyRequests() {
        return new SimulatedFailure(429, null, null);
    }

    public static SimulatedFailure metaError(int httpStatus, int code, String title) {
        return new SimulatedFailure(httpStatus, code, "(#" + code + ") " + title);
    }
}

package io.switchboard.automation;

/** What an action did: a result line for the run log, or the error; an HTTP action's response code. */
public record ActionOutcome(boolean succeeded, String result, String error, Integer responseCode) {
    public static ActionOutcome ok(String result) {
        return new ActionOutcome(true, result, null, null);
    }

    public static ActionOutcome failed(String error) {
        return new ActionOutcome(false, null, error, null);
    }
}

package io.switchboard.automation;

import java.util.List;

/**
 * What a Test shows: whether the trigger matched the sample (and which conditions did not), the variables the run
 * would see, and what the action would do — computed by doing it in a transaction that is rolled back, so nothing is
 * stored or sent.
 */
public record DryRun(boolean matched, List<String> unmet, String variablesJson, boolean wouldSucceed, String outcome) {
}

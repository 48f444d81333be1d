package io.switchboard.stats;

import java.util.List;

/**
 * What every "reconcile with Meta" report has in common, whatever it compares (numbers or templates): rows of one
 * thing and one UTC day, each agreeing with Meta or not; how our side was counted; what could not be compared.
 */
public interface MetaComparison<W extends MetaComparison.Day> {
    /** One compared thing on one UTC day; {@code flagged}: off by more than 1 %; {@code reason}: why, when known. */
    interface Day {
        boolean agrees();

        boolean flagged();

        String reason();
    }

    String method();

    List<W> rows();

    List<String> problems();

    long flaggedCount();

    StatsTable table();
}

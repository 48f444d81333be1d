package io.switchboard.stats;

import java.util.Locale;

/** A share {@code part / whole}; no value when nothing was in the whole (shown as "–", never as 0 %). */
public record Rate(long part, long whole) {
    public boolean defined() {
        return whole > 0;
    }

    /** part / whole between 0 and 1 (it can exceed 1 at a range's edges, see DeliveryFunnel); NaN when undefined. */
    public double value() {
        return whole > 0 ? (double) part / whole : Double.NaN;
    }

    /** "97.3 %" or "–". */
    public String percent() {
        return whole > 0 ? String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole) : "–";
    }
}

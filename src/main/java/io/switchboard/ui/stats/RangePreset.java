package io.switchboard.ui.stats;

/** The date ranges the Stats view offers; all count whole days in the tenant's zone up to today. */
public enum RangePreset {
    TODAY("Today", 1), DAYS_7("7 days", 7), DAYS_30("30 days", 30), DAYS_90("90 days", 90), CUSTOM("Custom", 0);

    private final String label;
    private final int days;

    RangePreset(String label, int days) {
        this.label = label;
        this.days = days;
    }

    public int days() {
        return days;
    }

    @Override
    public String toString() {
        return label;
    }
}

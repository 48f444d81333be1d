package io.switchboard.ui.common;

import java.util.UUID;

/** Uuids compared as PostgreSQL compares them, so rows the window merges keep the database's order. */
public final class UuidOrder {
    private UuidOrder() {
    }

    /** PostgreSQL orders uuids by their bytes, unsigned; Java's compareTo is signed. */
    public static int compare(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
}

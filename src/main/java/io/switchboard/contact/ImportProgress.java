package io.switchboard.contact;

/** Told how far an import is, from any thread; {@code fraction} runs from 0 to 1. */
@FunctionalInterface
public interface ImportProgress {
    void update(double fraction, String what);

    ImportProgress NONE = (fraction, what) -> { };
}

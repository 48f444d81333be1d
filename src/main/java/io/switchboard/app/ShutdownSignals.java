package io.switchboard.app;

import org.slf4j.LoggerFactory;

/**
 * Catches SIGTERM and SIGINT so {@code serve} can stop in order and exit 0; the JVM's default would run
 * shutdown hooks and exit 143/130. Uses sun.misc.Signal (module jdk.unsupported, present in every JDK).
 */
final class ShutdownSignals {
    private ShutdownSignals() {
    }

    /** Runs {@code action} on the first TERM or INT; false when this platform offers neither signal. */
    static boolean onTermOrInt(Runnable action) {
        boolean any = false;
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
                any = true;
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LoggerFactory.getLogger(ShutdownSignals.class).debug("signal {} not available: {}", name, e.getMessage());
            }
        }
        return any;
    }
}

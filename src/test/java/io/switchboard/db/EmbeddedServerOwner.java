package io.switchboard.db;

import java.nio.file.Path;

/**
 * Owns the embedded server of a data folder in a JVM of its own until it is killed: it stands
 * in for a Switchboard window that crashes (kill -9 skips every shutdown hook).
 */
public final class EmbeddedServerOwner {
    private EmbeddedServerOwner() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedServer server = EmbeddedServer.startOrAttach(Path.of(args[0]), attached -> {
            throw new IllegalStateException("expected to own " + args[0] + ", found a server on port " + attached.port());
        }).orElseThrow();
        System.out.println("port " + server.target().port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

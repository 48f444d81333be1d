package io.switchboard.channel.whatsapp;

import java.time.Duration;

/**
 * How much the webhook receiver gives a client before it closes the connection, and how much of the
 * machine any clients may take. A client that opens a connection and then sends nothing, sends its
 * headers a byte at a time, or announces a body and never sends it, holds a socket until its timeout —
 * never a thread — and one address can hold only {@link #maxConnectionsPerAddress} of them.
 *
 * @param headerTimeout            request line and headers must arrive within this, counted from a new connection's
 *                                 opening, or from the first byte of a later request on a kept-alive connection
 * @param bodyTimeoutBase          the body must arrive within this plus its size over {@code bodyMinBytesPerSecond}
 * @param bodyMinBytesPerSecond    the slowest upload rate the body timeout allows for
 * @param keepAliveIdle            a kept-alive connection with no request for this long is closed
 * @param maxConnections           open connections at once; a connection over the cap is closed on arrival
 * @param maxConnectionsPerAddress open connections from one client address at once (a reverse proxy is one address)
 * @param maxThreads               the HTTP server's thread pool: reading is non-blocking and storing is asynchronous,
 *                                 so these threads only parse, verify and answer
 * @param maxBodyBytes             bodies over this are refused with 413
 * @param storeTimeout             a webhook whose row is not committed within this is answered 503 (Meta retries)
 */
public record IntakeLimits(Duration headerTimeout, Duration bodyTimeoutBase, int bodyMinBytesPerSecond, Duration keepAliveIdle,
                           int maxConnections, int maxConnectionsPerAddress, int maxThreads, int maxBodyBytes, Duration storeTimeout) {
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    public IntakeLimits {
        if (headerTimeout.isNegative() || headerTimeout.isZero() || bodyTimeoutBase.isNegative() || keepAliveIdle.isNegative()
                || storeTimeout.isNegative() || storeTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (bodyMinBytesPerSecond < 1 || maxConnections < 1 || maxConnectionsPerAddress < 1 || maxThreads < 4 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("limits must be positive (at least 4 threads)");
        }
    }

    /**
     * What {@code serve} uses: 5 s for headers; 5 s plus 1 s per 64 KiB for a body (1 MiB: 21 s); 20 s
     * keep-alive; 2,000 connections, 256 per address; 32 threads; 1 MiB bodies; 800 ms to commit.
     */
    public static IntakeLimits defaults() {
        return new IntakeLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), 64 * 1024, Duration.ofSeconds(20), 2_000, 256, 32,
                DEFAULT_MAX_BODY_BYTES, Duration.ofMillis(800));
    }

    public IntakeLimits withConnections(int max, int perAddress) {
        return new IntakeLimits(headerTimeout, bodyTimeoutBase, bodyMinBytesPerSecond, keepAliveIdle, max, perAddress, maxThreads, maxBodyBytes,
                storeTimeout);
    }

    /** How long a body of {@code length} bytes (negative: unknown, so the largest allowed) may take to arrive. */
    Duration bodyTimeout(long length) {
        long bytes = length < 0 ? maxBodyBytes : Math.min(length, maxBodyBytes);
        return bodyTimeoutBase.plusMillis(bytes * 1000 / bodyMinBytesPerSecond);
    }
}

package io.switchboard.channel.whatsapp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every connection of the receiver: closes one over the total or per-address cap as it
 * arrives, and closes one whose request line and headers, or whose body, are not in by their
 * deadline ({@link IntakeLimits}). Jetty's own idle timeout only notices silence; a client sending a
 * byte every few seconds is never silent, so the deadlines are checked here, by one thread, every
 * {@link #SWEEP_MILLIS} ms.
 */
final class ConnectionGuard implements Connection.Listener {
    static final long SWEEP_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);

    /** One connection's state: waiting for a request (maybe part-way through its headers) or handling one. */
    private static final class Watched {
        final InetAddress address;
        boolean handling;
        boolean firstRequest = true;
        long waitingSince;
        long bytesWhenWaiting;
        long deadline; // nanoTime; 0 = none

        Watched(InetAddress address, long now) {
            this.address = address;
            this.waitingSince = now;
        }
    }

    private final IntakeLimits limits;
    private final Map<Connection, Watched> open = new ConcurrentHashMap<>();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final ScheduledExecutorService sweeper;

    ConnectionGuard(IntakeLimits limits) {
        this.limits = limits;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-connection-guard");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress address = address(connection.getEndPoint().getRemoteSocketAddress());
        int fromThere = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        int all = total.incrementAndGet();
        Watched w = new Watched(address, System.nanoTime());
        w.deadline = w.waitingSince + limits.headerTimeout().toNanos();
        open.put(connection, w);
        if (all > limits.maxConnections() || fromThere > limits.maxConnectionsPerAddress()) {
            log.debug("refusing a connection from {}: {} open in all, {} from there", address, all, fromThere);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        Watched w = open.remove(connection);
        if (w == null) {
            return;
        }
        total.decrementAndGet();
        perAddress.computeIfPresent(w.address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** A request's headers are in and the handler has it: its body must arrive within the body timeout. */
    void handling(Connection connection, long contentLength) {
        Watched w = open.get(connection);
        if (w != null) {
            synchronized (w) {
                w.handling = true;
                w.firstRequest = false;
                w.deadline = System.nanoTime() + limits.bodyTimeout(contentLength).toNanos();
            }
        }
    }

    /** The body is in; what remains (storing, answering) has its own timeout. */
    void bodyRead(Connection connection) {
        Watched w = open.get(connection);
        if (w != null) {
            synchronized (w) {
                w.deadline = 0;
            }
        }
    }

    /** The answer is complete: the connection now waits for its next request. */
    void answered(Connection connection) {
        Watched w = open.get(connection);
        if (w != null) {
            synchronized (w) {
                w.handling = false;
                w.waitingSince = System.nanoTime();
                w.bytesWhenWaiting = connection.getBytesIn();
                w.deadline = 0;
            }
        }
    }

    /** Open connections now. */
    int openConnections() {
        return total.get();
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<Connection, Watched> e : open.entrySet()) {
                Connection c = e.getKey();
                Watched w = e.getValue();
                boolean expired;
                synchronized (w) {
                    if (!w.handling && !w.firstRequest && w.deadline == 0 && c.getBytesIn() != w.bytesWhenWaiting) {
                        w.deadline = now + limits.headerTimeout().toNanos(); // the next request has begun arriving
                    }
                    expired = w.deadline != 0 && now - w.deadline > 0;
                }
                if (expired) {
                    log.debug("closing a connection from {}: its request did not arrive in time", w.address);
                    c.getEndPoint().close();
                }
            }
        } catch (RuntimeException e) {
            log.warn("connection sweep failed", e);
        }
    }

    void close() {
        sweeper.shutdownNow();
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }
}

package io.switchboard.channel.whatsapp;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The webhook receiver's in-memory copy of every active number's decrypted secrets, so the hot
 * path does no query and no decryption per request. When older than the refresh interval it reloads
 * in the background, one reload at a time, while requests go on with the snapshot they have — so a
 * database that is slow or down never holds a webhook up here. A request naming a number it does not
 * know yet (an account connected a moment ago) starts a reload at most once per {@code minReload}
 * and waits for it at most {@link #MISS_WAIT}. Only the very first load happens on the calling thread.
 */
public final class AccountCache {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountCache.class);
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);
    private static final Duration MIN_RELOAD = Duration.ofSeconds(1);
    static final Duration MISS_WAIT = Duration.ofSeconds(1);

    private final Supplier<List<AccountCredentials>> source;
    private final long refreshNanos;
    private final Object reloadLock = new Object();
    private final Object loadLock = new Object();
    private volatile Snapshot snapshot;
    private CompletableFuture<Snapshot> inBackground; // guarded by reloadLock

    /** Reads accounts through {@code source} (usually {@link WhatsAppAccountService#allCredentials()}). */
    public AccountCache(Supplier<List<AccountCredentials>> source, Duration refresh) {
        this.source = source;
        this.refreshNanos = refresh.toNanos();
    }

    public AccountCache(WhatsAppAccountService accounts) {
        this(accounts::allCredentials, DEFAULT_REFRESH);
    }

    /** The number's credentials, or null when no active account has it (after one reload attempt). */
    public AccountCredentials byPhoneNumberId(String phoneNumberId) {
        AccountCredentials found = current().byPhoneNumberId.get(phoneNumberId);
        if (found == null && reloadAllowed(MIN_RELOAD.toNanos())) {
            try {
                found = reloadInBackground().get(MISS_WAIT.toMillis(), TimeUnit.MILLISECONDS).byPhoneNumberId.get(phoneNumberId);
            } catch (TimeoutException | ExecutionException e) {
                log.debug("accounts not reloaded in time for an unknown phone_number_id: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return found;
    }

    /** Every active account's credentials. */
    public Collection<AccountCredentials> all() {
        return current().byPhoneNumberId.values();
    }

    /** Reloads now, e.g. after connecting an account in this process. */
    public void refresh() {
        reload();
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null) {
            return reload();
        }
        if (System.nanoTime() - s.loadedAt > refreshNanos) {
            reloadInBackground();
        }
        return s;
    }

    /** Starts a reload on a daemon thread unless one is running; its future completes with the new (or kept) snapshot. */
    private CompletableFuture<Snapshot> reloadInBackground() {
        synchronized (reloadLock) {
            if (inBackground == null || inBackground.isDone()) {
                CompletableFuture<Snapshot> f = new CompletableFuture<>();
                inBackground = f;
                Thread t = new Thread(() -> {
                    try {
                        f.complete(reload());
                    } catch (RuntimeException e) {
                        f.completeExceptionally(e);
                    }
                }, "whatsapp-account-reload");
                t.setDaemon(true);
                t.start();
            }
            return inBackground;
        }
    }

    private boolean reloadAllowed(long minAgeNanos) {
        Snapshot s = snapshot;
        return s == null || System.nanoTime() - s.loadedAt > minAgeNanos;
    }

    private Snapshot reload() {
        Snapshot before = snapshot;
        synchronized (loadLock) {
            if (snapshot != before && snapshot != null) {
                return snapshot; // another thread reloaded while this one waited
            }
            Map<String, AccountCredentials> accounts;
            try {
                accounts = source.get().stream()
                        .collect(Collectors.toUnmodifiableMap(AccountCredentials::phoneNumberId, a -> a, (a, b) -> a));
            } catch (RuntimeException e) {
                if (snapshot == null) {
                    throw e;
                }
                // keep verifying with what we know; try the database again after the next interval
                log.warn("could not reload WhatsApp accounts; using the previous ones: {}", e.getMessage());
                snapshot = new Snapshot(snapshot.byPhoneNumberId, System.nanoTime());
                return snapshot;
            }
            Snapshot fresh = new Snapshot(accounts, System.nanoTime());
            snapshot = fresh;
            return fresh;
        }
    }

    private record Snapshot(Map<String, AccountCredentials> byPhoneNumberId, long loadedAt) {
    }
}

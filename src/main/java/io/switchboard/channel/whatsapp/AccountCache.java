package io.switchboard.channel.whatsapp;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The webhook receiver's in-memory copy of every active number's decrypted secrets, so the hot
 * path does no query and no decryption per request. It reloads when older than the refresh
 * interval, and at most once per {@code minReload} when a request names a number it does not know
 * yet (an account connected a moment ago). Reloads happen on the calling thread, one at a time;
 * other threads keep using the previous snapshot meanwhile.
 */
public final class AccountCache {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountCache.class);
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);
    private static final Duration MIN_RELOAD = Duration.ofSeconds(1);

    private final Supplier<List<AccountCredentials>> source;
    private final long refreshNanos;
    private final Object reloadLock = new Object();
    private volatile Snapshot snapshot;

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
            found = reload().byPhoneNumberId.get(phoneNumberId);
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
        if (s == null || System.nanoTime() - s.loadedAt > refreshNanos) {
            return reload();
        }
        return s;
    }

    private boolean reloadAllowed(long minAgeNanos) {
        Snapshot s = snapshot;
        return s == null || System.nanoTime() - s.loadedAt > minAgeNanos;
    }

    private Snapshot reload() {
        Snapshot before = snapshot;
        synchronized (reloadLock) {
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

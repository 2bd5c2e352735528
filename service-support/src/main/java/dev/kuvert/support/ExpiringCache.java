package dev.kuvert.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small map whose entries live for a fixed time, for answers that may be a little stale (directory
 * lookups, SPF verdicts). Bounded: when full, expired entries go first, and if that is not enough, all.
 * A value the loader throws for is not cached. Threads missing the same key at once share one load: the
 * first loads, the others wait for its value or its exception (a burst of deliveries to one mailbox, all
 * arriving as the entry expires, asks the directory once, not once each).
 */
public final class ExpiringCache<K, V> {
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<K, CompletableFuture<V>> loading = new ConcurrentHashMap<>();

    private record Entry<V>(V value, Instant expires) {}

    public ExpiringCache(Duration ttl, int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The cached value of {@code key}, or {@code loader}'s, which is kept for the time to live. */
    public V get(K key, Function<? super K, ? extends V> loader) {
        return get(key, loader, value -> ttl);
    }

    /**
     * As {@link #get(Object, Function)}, a loaded value kept for the time {@code ttlOf} gives it (a DNS answer for
     * its records' TTL), at most the cache's time to live; zero or less keeps it not at all.
     */
    public V get(K key, Function<? super K, ? extends V> loader, Function<? super V, Duration> ttlOf) {
        Optional<V> cached = getIfPresent(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            return awaitLoad(running);
        }
        try {
            cached = getIfPresent(key); // a load that finished between the first look and now
            V fresh;
            if (cached.isPresent()) {
                fresh = cached.get();
            } else {
                fresh = loader.apply(key);
                put(key, fresh, fresh == null ? Duration.ZERO : ttlOf.apply(fresh));
            }
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    private static <V> V awaitLoad(CompletableFuture<V> load) {
        try {
            return load.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException failure -> throw failure;
                case Error error -> throw error;
                case null, default -> throw e;
            }
        }
    }

    public Optional<V> getIfPresent(K key) {
        Entry<V> entry = entries.get(key);
        return entry != null && clock.instant().isBefore(entry.expires()) ? Optional.ofNullable(entry.value()) : Optional.empty();
    }

    public void put(K key, V value) {
        put(key, value, ttl);
    }

    private void put(K key, V value, Duration keepFor) {
        Duration kept = keepFor.compareTo(ttl) < 0 ? keepFor : ttl;
        if (!kept.isPositive() || value == null) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, now.plus(kept)));
    }

    public void invalidate(K key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }
}

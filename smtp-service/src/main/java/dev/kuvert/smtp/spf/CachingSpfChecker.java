package dev.kuvert.smtp.spf;

import dev.kuvert.support.ExpiringCache;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * Keeps SPF verdicts for a short time per client address, sender and HELO name, as a caching resolver
 * would keep the records they came from: a burst of mail from one sender costs one evaluation.
 * A {@code temperror} is not kept, so the next message asks again.
 */
public final class CachingSpfChecker implements SpfChecker {
    static final int MAX_ENTRIES = 10_000;
    private final SpfChecker delegate;
    private final ExpiringCache<Key, SpfVerdict> verdicts;

    private record Key(InetAddress client, String mailFrom, String helo) {}

    public CachingSpfChecker(SpfChecker delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.verdicts = new ExpiringCache<>(ttl, MAX_ENTRIES, clock);
    }

    @Override
    public SpfVerdict check(InetAddress client, String mailFrom, String helo) {
        Key key = new Key(client, mailFrom == null ? "" : mailFrom, helo == null ? "" : helo);
        var cached = verdicts.getIfPresent(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        SpfVerdict verdict = delegate.check(client, key.mailFrom(), key.helo());
        if (!verdict.equals(SpfVerdict.temperror())) {
            verdicts.put(key, verdict);
        }
        return verdict;
    }
}

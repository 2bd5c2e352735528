package dev.kuvert.smtp.directory;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.RecipientResolution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps recipient answers for a short time, so that a burst of mail to one mailbox asks the directory
 * once. Failures are not cached; logins always go to the directory.
 */
public final class CachingDirectory implements Directory {
    static final int MAX_ENTRIES = 10_000;
    private final Directory delegate;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> recipients = new ConcurrentHashMap<>();

    private record Entry(RecipientResolution resolution, Instant expires) {}

    public CachingDirectory(Directory delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public RecipientResolution resolve(String address) {
        Instant now = clock.instant();
        Entry cached = recipients.get(address);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.resolution();
        }
        RecipientResolution fresh = delegate.resolve(address);
        if (ttl.isPositive()) {
            if (recipients.size() >= MAX_ENTRIES) {
                recipients.values().removeIf(entry -> !now.isBefore(entry.expires()));
                if (recipients.size() >= MAX_ENTRIES) {
                    recipients.clear();
                }
            }
            recipients.put(address, new Entry(fresh, now.plus(ttl)));
        }
        return fresh;
    }

    @Override
    public Optional<AuthenticatedAccount> authenticate(String username, String password) {
        return delegate.authenticate(username, password);
    }
}

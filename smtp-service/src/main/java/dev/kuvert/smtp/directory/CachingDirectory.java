package dev.kuvert.smtp.directory;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.support.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps recipient answers for a short time, so that a burst of mail to one mailbox asks the directory
 * once. Failures are not cached; logins always go to the directory.
 */
public final class CachingDirectory implements Directory {
    static final int MAX_ENTRIES = 10_000;
    private final Directory delegate;
    private final ExpiringCache<String, RecipientResolution> recipients;

    public CachingDirectory(Directory delegate, Duration ttl, Clock clock) {
        this.delegate = delegate;
        this.recipients = new ExpiringCache<>(ttl, MAX_ENTRIES, clock);
    }

    @Override
    public RecipientResolution resolve(String address) {
        return recipients.get(address, delegate::resolve);
    }

    @Override
    public Optional<AuthenticatedAccount> authenticate(String username, String password) {
        return delegate.authenticate(username, password);
    }
}

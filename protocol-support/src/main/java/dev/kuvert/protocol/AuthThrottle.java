package dev.kuvert.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address and per account. Each failure earns a delay that doubles
 * with the failures counted ({@code base, 2·base, 4·base, …} up to {@code maxDelay}); at the thresholds
 * the address or the account is locked for {@code lockDuration}, during which even a right password is
 * refused. Failures older than {@code window} are forgotten.
 */
public final class AuthThrottle {
    static final int MAX_TRACKED = 100_000;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final int addressLockThreshold;
    private final int accountLockThreshold;
    private final Duration lockDuration;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Failures> addresses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Failures> accounts = new ConcurrentHashMap<>();

    private record Failures(int count, Instant last, Instant lockedUntil) {}

    public AuthThrottle(Duration baseDelay, Duration maxDelay, int addressLockThreshold, int accountLockThreshold,
            Duration lockDuration, Duration window, Clock clock) {
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.addressLockThreshold = addressLockThreshold;
        this.accountLockThreshold = accountLockThreshold;
        this.lockDuration = lockDuration;
        this.window = window;
        this.clock = clock;
    }

    /**
     * The defaults of every Kuvert protocol: 0.5 s doubling up to 8 s; an address locked after 10
     * failures, an account after 5, for 5 minutes; failures forgotten after 15 minutes.
     */
    public static AuthThrottle withPlatformDefaults() {
        return new AuthThrottle(Duration.ofMillis(500), Duration.ofSeconds(8), 10, 5, Duration.ofMinutes(5),
                Duration.ofMinutes(15), Clock.systemUTC());
    }

    public boolean isLocked(String address, String account) {
        Instant now = clock.instant();
        return locked(addresses.get(address), now) || locked(accounts.get(key(account)), now);
    }

    /** Records a failed login and returns how long to wait before answering it. */
    public Duration failed(String address, String account) {
        Instant now = clock.instant();
        prune(now);
        Failures byAddress = addresses.compute(address, (k, old) -> next(old, now, addressLockThreshold));
        Failures byAccount = accounts.compute(key(account), (k, old) -> next(old, now, accountLockThreshold));
        return delayFor(Math.max(byAddress.count(), byAccount.count()));
    }

    /** A successful login clears the account's failures (the address keeps its own). */
    public void succeeded(String account) {
        accounts.remove(key(account));
    }

    Duration delayFor(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private Failures next(Failures old, Instant now, int lockThreshold) {
        int count = old == null || old.last().plus(window).isBefore(now) ? 1 : old.count() + 1;
        Instant lockedUntil = old == null ? null : old.lockedUntil();
        if (count >= lockThreshold) {
            lockedUntil = now.plus(lockDuration);
        }
        return new Failures(count, now, lockedUntil);
    }

    private static boolean locked(Failures failures, Instant now) {
        return failures != null && failures.lockedUntil() != null && now.isBefore(failures.lockedUntil());
    }

    private void prune(Instant now) {
        if (addresses.size() + accounts.size() < MAX_TRACKED) {
            return;
        }
        addresses.values().removeIf(f -> !locked(f, now) && f.last().plus(window).isBefore(now));
        accounts.values().removeIf(f -> !locked(f, now) && f.last().plus(window).isBefore(now));
    }

    private static String key(String account) {
        return account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
    }
}

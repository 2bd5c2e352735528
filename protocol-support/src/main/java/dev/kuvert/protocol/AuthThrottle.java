package dev.kuvert.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing on SMTP, IMAP and POP3 alike. Each failed login of a client address or an
 * account doubles the delay before the answer (from {@link #FIRST_DELAY} up to {@link #MAX_DELAY});
 * after {@link #LOCK_AFTER} failures within {@link #WINDOW} the address or account is locked until
 * the window has passed since its last failure, and even correct passwords are refused meanwhile.
 */
public class AuthThrottle {
    public static final Duration FIRST_DELAY = Duration.ofMillis(500);
    public static final Duration MAX_DELAY = Duration.ofSeconds(8);
    public static final int LOCK_AFTER = 10;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public AuthThrottle() {
        this(Clock.systemUTC());
    }

    public AuthThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last) {}

    /** Whether a login from {@code clientAddress} for {@code account} (may be null) is refused without checking the password. */
    public boolean isLocked(String clientAddress, String account) {
        return count(ipKey(clientAddress)) >= LOCK_AFTER || (account != null && count(accountKey(account)) >= LOCK_AFTER);
    }

    /** Records a failure and returns how long to wait before answering it. */
    public Duration failed(String clientAddress, String account) {
        int ipFailures = record(ipKey(clientAddress));
        int accountFailures = account == null ? 0 : record(accountKey(account));
        return delayFor(Math.max(ipFailures, accountFailures));
    }

    public void succeeded(String clientAddress, String account) {
        failures.remove(ipKey(clientAddress));
        if (account != null) {
            failures.remove(accountKey(account));
        }
    }

    static Duration delayFor(int failureCount) {
        if (failureCount <= 0) {
            return Duration.ZERO;
        }
        long millis = FIRST_DELAY.toMillis() << Math.min(failureCount - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    private int count(String key) {
        Failures f = failures.get(key);
        if (f == null) {
            return 0;
        }
        if (!f.last().plus(WINDOW).isAfter(clock.instant())) {
            failures.remove(key, f);
            return 0;
        }
        return f.count();
    }

    private int record(String key) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.clear();
        }
        return failures.merge(key, new Failures(1, now),
                (old, one) -> old.last().plus(WINDOW).isAfter(now) ? new Failures(old.count() + 1, now) : one).count();
    }

    private static String ipKey(String clientAddress) {
        return "ip:" + clientAddress;
    }

    private static String accountKey(String account) {
        return "account:" + account.strip().toLowerCase(Locale.ROOT);
    }
}

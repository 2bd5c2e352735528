package dev.kuvert.gateway.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: a client address with {@value #MAX_FAILURES} failed logins within
 * {@link #WINDOW} is refused (429) until the window has passed since its last failure.
 */
@Component
class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant last) {}

    /** Seconds the client must wait, or 0 when it may try. */
    long retryAfterSeconds(String client) {
        Failures f = failures.get(client);
        if (f == null) {
            return 0;
        }
        Instant until = f.last().plus(WINDOW);
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            failures.remove(client, f);
            return 0;
        }
        return f.count() >= MAX_FAILURES ? Duration.between(now, until).toSeconds() + 1 : 0;
    }

    void failed(String client) {
        Instant now = clock.instant();
        if (failures.size() > 100_000) {
            failures.clear();
        }
        failures.merge(client, new Failures(1, now), (old, one) ->
                old.last().plus(WINDOW).isAfter(now) ? new Failures(old.count() + 1, now) : one);
    }

    void succeeded(String client) {
        failures.remove(client);
    }
}

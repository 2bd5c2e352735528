package dev.kuvert.launcher;

import java.time.Duration;

/**
 * How long to wait before restarting a service that exited: 1 s, 2 s, 4 s … doubling up to 30 s.
 * Not thread-safe: each service has its own.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);

    private int failures;

    /** The delay before the next restart; each call counts one more failure in a row. */
    Duration next() {
        Duration delay = delayAfter(failures);
        failures++;
        return delay;
    }

    /** After a service stayed healthy long enough, the next failure waits {@link #FIRST} again. */
    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }

    /** The delay after {@code previousFailures} failures in a row (0 for the first one). */
    static Duration delayAfter(int previousFailures) {
        if (previousFailures >= 5) {
            return MAX;
        }
        Duration delay = FIRST.multipliedBy(1L << previousFailures);
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}

package dev.kuvert.delivery.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When to try a deferred recipient again: the n-th failed attempt waits the n-th step of the
 * schedule ({@code KUVERT_RETRY_SCHEDULE}), the last step repeating, and nothing is tried after the
 * message's maximum queue lifetime ({@code KUVERT_MAX_QUEUE_LIFETIME}) except one last attempt at
 * that deadline.
 */
public final class RetryPolicy {
    private final List<Duration> schedule;
    private final Duration maxLifetime;

    public RetryPolicy(List<Duration> schedule, Duration maxLifetime) {
        if (schedule == null || schedule.isEmpty()) {
            throw new IllegalArgumentException("the retry schedule needs at least one step");
        }
        for (Duration step : schedule) {
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("every retry step must be positive, not " + step);
            }
        }
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("the maximum queue lifetime must be positive, not " + maxLifetime);
        }
        this.schedule = List.copyOf(schedule);
        this.maxLifetime = maxLifetime;
    }

    /** The wait after the {@code failedAttempts}-th failed attempt (1 for the first). */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts starts at 1, was " + failedAttempts);
        }
        return schedule.get(Math.min(failedAttempts, schedule.size()) - 1);
    }

    public Instant expiresAt(Instant receivedAt) {
        return receivedAt.plus(maxLifetime);
    }

    public Duration maxLifetime() {
        return maxLifetime;
    }

    /**
     * The next attempt after the {@code failedAttempts}-th failure at {@code now}, or empty when the
     * message has reached {@code expiresAt} and the recipient is given up.
     */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant now, Instant expiresAt) {
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        Instant next = now.plus(delayAfter(failedAttempts));
        return Optional.of(next.isAfter(expiresAt) ? expiresAt : next);
    }
}

package dev.kuvert.delivery.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a deferred recipient again: the n-th failed attempt waits the n-th step of the
 * schedule ({@code KUVERT_RETRY_SCHEDULE}), the last step repeating, and nothing is tried after the
 * message's maximum queue lifetime ({@code KUVERT_MAX_QUEUE_LIFETIME}) except one last attempt at
 * that deadline. Each wait is moved by a random share of itself (the jitter, at most ± that fraction), so
 * that recipients deferred together, e.g. by one unreachable host, come back spread out rather than as
 * a burst.
 */
public final class RetryPolicy {
    private final List<Duration> schedule;
    private final Duration maxLifetime;
    private final double jitter;
    private final RandomGenerator random;

    /** Without jitter: the waits are the schedule's exactly. */
    public RetryPolicy(List<Duration> schedule, Duration maxLifetime) {
        this(schedule, maxLifetime, 0, RandomGenerator.getDefault());
    }

    /** @param jitter from 0 (none) to 0.5: each wait becomes its step times a random factor in [1 − jitter, 1 + jitter) */
    public RetryPolicy(List<Duration> schedule, Duration maxLifetime, double jitter, RandomGenerator random) {
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
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("the retry jitter must be between 0 and 0.5, not " + jitter);
        }
        this.schedule = List.copyOf(schedule);
        this.maxLifetime = maxLifetime;
        this.jitter = jitter;
        this.random = random;
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
        Instant next = now.plus(jittered(delayAfter(failedAttempts)));
        return Optional.of(next.isAfter(expiresAt) ? expiresAt : next);
    }

    /** The step moved by the jitter: {@code step × (1 + jitter × u)} with u uniform in [−1, 1). */
    Duration jittered(Duration step) {
        if (jitter == 0) {
            return step;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(step.toNanos() * factor));
    }
}

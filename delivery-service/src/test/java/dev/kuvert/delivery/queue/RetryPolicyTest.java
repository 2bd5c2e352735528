package dev.kuvert.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8));
    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");

    private final RetryPolicy policy = new RetryPolicy(DEFAULT_SCHEDULE, Duration.ofDays(5));

    @Test
    void theNthFailureShouldWaitTheNthStepOfTheScheduleAndTheLastStepShouldRepeat() {
        List<Duration> waits = IntStream.rangeClosed(1, 11).mapToObj(policy::delayAfter).toList();

        assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
                Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(8),
                Duration.ofHours(8), Duration.ofHours(8));
    }

    @Test
    void theDefaultScheduleShouldMakeTwentyThreeAttemptsAndGiveUpAtFiveDays() {
        Instant expires = policy.expiresAt(RECEIVED);
        Instant now = RECEIVED;
        int attempts = 1;
        while (true) {
            var next = policy.nextAttempt(attempts, now, expires);
            if (next.isEmpty()) {
                break;
            }
            now = next.get();
            attempts++;
        }
        assertThat(expires).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(now).isEqualTo(expires);
        // the first attempt at once, one after each of the 8 steps (the 9th at 15h51m), then every 8h up to
        // 119h51m (13 more), and one last attempt at the deadline
        assertThat(attempts).isEqualTo(1 + 8 + 13 + 1);
    }

    @Test
    void nextAttemptShouldBeNowPlusTheStepButNeverAfterTheDeadline() {
        Instant expires = RECEIVED.plus(Duration.ofMinutes(10));

        assertThat(policy.nextAttempt(1, RECEIVED, expires)).contains(RECEIVED.plus(Duration.ofMinutes(1)));
        assertThat(policy.nextAttempt(2, RECEIVED.plus(Duration.ofMinutes(1)), expires)).contains(RECEIVED.plus(Duration.ofMinutes(6)));
        assertThat(policy.nextAttempt(3, RECEIVED.plus(Duration.ofMinutes(6)), expires)).contains(expires);
        assertThat(policy.nextAttempt(4, expires, expires)).isEmpty();
        assertThat(policy.nextAttempt(1, expires.plusMillis(1), expires)).isEmpty();
    }

    @Test
    void aScheduleWithoutStepsOrWithANonPositiveStepShouldBeRefused() {
        assertThatThrownBy(() -> new RetryPolicy(List.of(), Duration.ofDays(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ZERO), Duration.ofDays(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(DEFAULT_SCHEDULE, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A random source that answers {@code nextDouble()} with the given values in turn. */
    private static java.util.random.RandomGenerator doubles(double... values) {
        return new java.util.random.RandomGenerator() {
            int i;

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return values[i++ % values.length];
            }
        };
    }

    @Test
    void jitterShouldMoveEachWaitByAtMostItsShareEitherWay() {
        var jittered = new RetryPolicy(DEFAULT_SCHEDULE, Duration.ofDays(5), 0.1, doubles(0.0, 0.5, 0.75, 0.999999));

        assertThat(jittered.nextAttempt(1, RECEIVED, jittered.expiresAt(RECEIVED))).contains(RECEIVED.plusSeconds(54));
        assertThat(jittered.nextAttempt(1, RECEIVED, jittered.expiresAt(RECEIVED))).contains(RECEIVED.plusSeconds(60));
        assertThat(jittered.nextAttempt(2, RECEIVED, jittered.expiresAt(RECEIVED))).contains(RECEIVED.plusSeconds(315));
        assertThat(jittered.nextAttempt(8, RECEIVED, jittered.expiresAt(RECEIVED)).orElseThrow())
                .isBetween(RECEIVED.plus(Duration.ofMinutes(527)), RECEIVED.plus(Duration.ofHours(8).plusMinutes(48)));
    }

    @Test
    void jitteredWaitsShouldStayWithinTheirBoundsAndAverageTheStep() {
        var jittered = new RetryPolicy(DEFAULT_SCHEDULE, Duration.ofDays(5), 0.1, new java.util.Random(42));
        long sum = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            Duration wait = Duration.between(RECEIVED, jittered.nextAttempt(5, RECEIVED, jittered.expiresAt(RECEIVED)).orElseThrow());
            assertThat(wait).isBetween(Duration.ofMinutes(54), Duration.ofMinutes(66));
            sum += wait.toMillis();
        }
        assertThat(Duration.ofMillis(sum / n)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
    }

    @Test
    void jitterShouldNeverPushTheNextAttemptPastTheDeadline() {
        var jittered = new RetryPolicy(DEFAULT_SCHEDULE, Duration.ofDays(5), 0.5, doubles(0.999999));
        Instant expires = RECEIVED.plus(Duration.ofSeconds(80));

        assertThat(jittered.nextAttempt(1, RECEIVED, expires)).contains(expires);
    }

    @Test
    void aJitterOutsideZeroToOneHalfShouldBeRefused() {
        assertThatThrownBy(() -> new RetryPolicy(DEFAULT_SCHEDULE, Duration.ofDays(5), 0.6, new java.util.Random()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(DEFAULT_SCHEDULE, Duration.ofDays(5), -0.1, new java.util.Random()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

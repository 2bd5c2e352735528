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
}

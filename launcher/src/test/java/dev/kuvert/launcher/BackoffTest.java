package dev.kuvert.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void nextShouldDoubleFromOneSecondUpToThirtySeconds() {
        Backoff backoff = new Backoff();
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seconds.add(backoff.next().toSeconds());
        }
        assertThat(seconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L, 30L);
    }

    @Test
    void resetShouldStartOverAtOneSecond() {
        Backoff backoff = new Backoff();
        backoff.next();
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.failures()).isZero();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void delayAfterShouldNeverOverflowForLongFailureStreaks() {
        assertThat(Backoff.delayAfter(31)).isEqualTo(Backoff.MAX);
        assertThat(Backoff.delayAfter(63)).isEqualTo(Backoff.MAX);
        assertThat(Backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Backoff.MAX);
    }

    @Test
    void healthyPeriodBeforeResetShouldBeOneMinute() {
        assertThat(Supervisor.HEALTHY_FOR_BACKOFF_RESET).isEqualTo(Duration.ofSeconds(60));
    }
}

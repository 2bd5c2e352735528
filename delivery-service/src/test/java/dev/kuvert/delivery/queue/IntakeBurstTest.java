package dev.kuvert.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntakeBurstTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000_000 * MS);
    private final IntakeBurst burst = new IntakeBurst(3, Duration.ofMillis(100), now::get);

    private void queuedAfter(long millis) {
        now.addAndGet(millis * MS);
        burst.queued();
    }

    @Test
    void noMailShouldBeNoBurst() {
        assertThat(burst.ongoing()).isFalse();
    }

    @Test
    void fewerMessagesThanTheBurstSizeShouldBeNoBurstHoweverCloseTogether() {
        queuedAfter(0);
        queuedAfter(0);

        assertThat(burst.ongoing()).isFalse();
    }

    @Test
    void theBurstSizeWithinTheWindowShouldBeABurstUntilTheOldestOfThemLeavesTheWindow() {
        queuedAfter(0);
        queuedAfter(40);
        queuedAfter(40);
        assertThat(burst.ongoing()).isTrue();

        now.addAndGet(20 * MS);
        assertThat(burst.ongoing()).as("the first of the three 100 ms ago").isTrue();
        now.addAndGet(MS);
        assertThat(burst.ongoing()).isFalse();
    }

    @Test
    void aSteadyFlowBelowTheRateShouldNeverBeABurst() {
        for (int i = 0; i < 50; i++) {
            queuedAfter(51);
            assertThat(burst.ongoing()).as("message %d", i).isFalse();
        }
    }

    @Test
    void onlyTheLatestMessagesShouldCount() {
        for (int i = 0; i < 10; i++) {
            queuedAfter(60);
        }
        queuedAfter(1);
        queuedAfter(1);
        assertThat(burst.ongoing()).as("two close after a slow flow: three within 2 ms").isTrue();

        queuedAfter(200);
        assertThat(burst.ongoing()).isFalse();
    }

    @Test
    void aBurstShouldNeedAtLeastOneMessageAndATimeWindow() {
        assertThatThrownBy(() -> new IntakeBurst(0, Duration.ofMillis(100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntakeBurst(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.kuvert.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final AuthThrottle throttle = new AuthThrottle(Duration.ofMillis(500), Duration.ofSeconds(8), 10, 5,
            Duration.ofMinutes(5), Duration.ofMinutes(15), clock);

    @Test
    void doublesTheDelayWithEachFailureUpToTheCap() {
        assertThat(throttle.delayFor(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.delayFor(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.delayFor(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delayFor(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.delayFor(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.delayFor(6)).isEqualTo(Duration.ofSeconds(8));
        assertThat(throttle.delayFor(1000)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void growsTheDelayForRepeatedFailuresOfOneAccount() {
        assertThat(throttle.failed("192.0.2.1", "bob@example.test")).isEqualTo(Duration.ofMillis(500));
        assertThat(throttle.failed("192.0.2.2", "BOB@example.test")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void locksAnAccountAfterItsThresholdForTheLockDuration() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("192.0.2." + i, "bob@example.test");
        }
        assertThat(throttle.isLocked("192.0.2.99", "bob@example.test")).isFalse();
        throttle.failed("192.0.2.5", "bob@example.test");
        assertThat(throttle.isLocked("192.0.2.99", "bob@example.test")).isTrue();
        assertThat(throttle.isLocked("192.0.2.99", "alice@example.test")).isFalse();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(throttle.isLocked("192.0.2.99", "bob@example.test")).isFalse();
    }

    @Test
    void locksAnAddressThatTriesManyAccounts() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("192.0.2.1", "user" + i + "@example.test");
        }
        assertThat(throttle.isLocked("192.0.2.1", "anyone@example.test")).isTrue();
        assertThat(throttle.isLocked("192.0.2.2", "anyone@example.test")).isFalse();
    }

    @Test
    void forgetsFailuresOutsideTheWindowAndClearsAnAccountOnSuccess() {
        throttle.failed("192.0.2.1", "bob@example.test");
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.failed("192.0.2.1", "bob@example.test")).isEqualTo(Duration.ofMillis(500));
        throttle.failed("192.0.2.3", "carol@example.test");
        throttle.succeeded("carol@example.test");
        assertThat(throttle.failed("192.0.2.4", "carol@example.test")).isEqualTo(Duration.ofMillis(500));
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

package dev.kuvert.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
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
    });

    @Test
    void aClientShouldBeLockedAfterTenFailuresUntilTheWindowPasses() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("192.0.2.1");
        }
        assertThat(throttle.retryAfterSeconds("192.0.2.1")).isZero();
        throttle.failed("192.0.2.1");
        assertThat(throttle.retryAfterSeconds("192.0.2.1")).isEqualTo(601);
        assertThat(throttle.retryAfterSeconds("192.0.2.2")).isZero();

        now = now.plus(Duration.ofMinutes(5));
        assertThat(throttle.retryAfterSeconds("192.0.2.1")).isEqualTo(301);
        now = now.plus(Duration.ofMinutes(5));
        assertThat(throttle.retryAfterSeconds("192.0.2.1")).isZero();
    }

    @Test
    void failuresOlderThanTheWindowShouldNotCount() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("192.0.2.1");
        }
        now = now.plus(Duration.ofMinutes(11));
        throttle.failed("192.0.2.1");
        assertThat(throttle.retryAfterSeconds("192.0.2.1")).isZero();
    }

    @Test
    void aSuccessShouldForgetEarlierFailures() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("192.0.2.1");
        }
        throttle.succeeded("192.0.2.1");
        throttle.failed("192.0.2.1");
        assertThat(throttle.retryAfterSeconds("192.0.2.1")).isZero();
    }
}

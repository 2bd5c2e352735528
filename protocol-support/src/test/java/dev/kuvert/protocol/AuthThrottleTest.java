package dev.kuvert.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final AuthThrottle throttle = new AuthThrottle(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void theDelayShouldDoubleFromHalfASecondUpToEightSeconds() {
        assertThat(AuthThrottle.delayFor(0)).isZero();
        assertThat(AuthThrottle.delayFor(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(AuthThrottle.delayFor(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(AuthThrottle.delayFor(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(AuthThrottle.delayFor(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(AuthThrottle.delayFor(40)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void anAccountShouldBeLockedAfterTenFailuresFromAnyAddressUntilTheWindowPasses() {
        for (int i = 0; i < AuthThrottle.LOCK_AFTER; i++) {
            assertThat(throttle.isLocked("192.0.2." + i, "bob@example.test")).isFalse();
            throttle.failed("192.0.2." + i, "Bob@example.test");
        }
        assertThat(throttle.isLocked("198.51.100.1", "bob@example.test")).isTrue();
        assertThat(throttle.isLocked("198.51.100.1", "alice@example.test")).isFalse();
        now = now.plus(AuthThrottle.WINDOW);
        assertThat(throttle.isLocked("198.51.100.1", "bob@example.test")).isFalse();
    }

    @Test
    void anAddressShouldBeLockedAfterTenFailuresForAnyAccountsAndASuccessClearsIt() {
        for (int i = 0; i < AuthThrottle.LOCK_AFTER - 1; i++) {
            throttle.failed("192.0.2.1", "user" + i + "@example.test");
        }
        throttle.succeeded("192.0.2.1", null);
        throttle.failed("192.0.2.1", "x@example.test");
        assertThat(throttle.isLocked("192.0.2.1", null)).isFalse();
        for (int i = 0; i < AuthThrottle.LOCK_AFTER; i++) {
            throttle.failed("192.0.2.1", null);
        }
        assertThat(throttle.isLocked("192.0.2.1", "anyone@example.test")).isTrue();
    }
}

package dev.kuvert.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String key) {
        loads.incrementAndGet();
        return key.toUpperCase();
    }

    @Test
    void keepsAValueForItsTimeToLiveThenLoadsAgain() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 10, clock);
        assertThat(cache.get("a", this::load)).isEqualTo("A");
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.get("a", this::load)).isEqualTo("A");
        assertThat(loads).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("a", this::load)).isEqualTo("A");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aFailingLoadIsNotCached() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 10, clock);
        assertThatThrownBy(() -> cache.get("a", key -> {
            throw new IllegalStateException("down");
        })).hasMessage("down");
        assertThat(cache.getIfPresent("a")).isEmpty();
        assertThat(cache.get("a", this::load)).isEqualTo("A");
    }

    @Test
    void staysWithinItsBoundDroppingExpiredEntriesFirst() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 3, clock);
        cache.get("old", this::load);
        clock.advance(Duration.ofSeconds(31));
        cache.get("b", this::load);
        cache.get("c", this::load);
        cache.get("d", this::load);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.getIfPresent("b")).contains("B");
        cache.get("e", this::load);
        assertThat(cache.size()).isLessThanOrEqualTo(3);
        assertThat(cache.getIfPresent("e")).contains("E");
    }

    @Test
    void aZeroTimeToLiveCachesNothing() {
        var cache = new ExpiringCache<String, String>(Duration.ZERO, 3, clock);
        cache.get("a", this::load);
        cache.get("a", this::load);
        assertThat(loads).hasValue(2);
    }

    @Test
    void invalidateForgetsAnEntry() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 3, clock);
        cache.get("a", this::load);
        cache.invalidate("a");
        assertThat(cache.getIfPresent("a")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

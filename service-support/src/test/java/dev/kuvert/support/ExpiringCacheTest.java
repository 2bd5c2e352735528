package dev.kuvert.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aValueShouldBeKeptForItsOwnTimeWithinTheCachesAndNotAtAllForZero() {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 10, clock);
        java.util.function.Function<String, Duration> ttlOf = value -> switch (value) {
            case "SHORT" -> Duration.ofSeconds(5);
            case "LONG" -> Duration.ofHours(1);
            default -> Duration.ZERO;
        };
        cache.get("short", this::load, ttlOf);
        cache.get("long", this::load, ttlOf);
        cache.get("none", this::load, ttlOf);
        assertThat(cache.getIfPresent("none")).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.getIfPresent("short")).isEmpty();
        assertThat(cache.getIfPresent("long")).contains("LONG");
        clock.advance(Duration.ofSeconds(25));
        assertThat(cache.getIfPresent("long")).as("never beyond the cache's own time to live").isEmpty();
    }

    @Test
    void threadsMissingTheSameKeyAtOnceShareOneLoad() throws Exception {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 10, clock);
        var release = new CountDownLatch(1);
        var first = loadUnderWay(cache, release, this::load);
        var second = new CompletableFuture<String>();
        Thread waiter = Thread.ofPlatform().start(() -> second.complete(cache.get("a", this::load)));
        awaitParked(waiter);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("A");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("A");
        assertThat(loads).hasValue(1);
    }

    @Test
    void threadsWaitingForAFailingLoadGetItsFailureAndTheNextLookLoadsAgain() throws Exception {
        var cache = new ExpiringCache<String, String>(Duration.ofSeconds(30), 10, clock);
        var release = new CountDownLatch(1);
        var first = loadUnderWay(cache, release, key -> {
            throw new IllegalStateException("directory down");
        });
        var second = new CompletableFuture<Throwable>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                cache.get("a", this::load);
                second.complete(null);
            } catch (RuntimeException e) {
                second.complete(e);
            }
        });
        awaitParked(waiter);

        release.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class).hasMessage("directory down");
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(loads).hasValue(0);
        assertThat(cache.get("a", this::load)).isEqualTo("A");
        assertThat(loads).hasValue(1);
    }

    /** A load of "a" under way on another thread, which ends with what {@code outcome} gives once released. */
    private static CompletableFuture<String> loadUnderWay(ExpiringCache<String, String> cache, CountDownLatch release,
            java.util.function.Function<String, String> outcome) throws InterruptedException {
        var started = new CountDownLatch(1);
        var load = CompletableFuture.supplyAsync(() -> cache.get("a", key -> {
            started.countDown();
            await(release);
            return outcome.apply(key);
        }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return load;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Until the thread waits for something (here: the load under way), at most ten seconds. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
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

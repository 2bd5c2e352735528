package dev.kuvert.smtp.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.RecipientResolution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingDirectoryTest {
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean down;
    private Instant now = Instant.parse("2026-11-26T10:00:00Z");
    private final Clock clock = new Clock() {
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
    };
    private final Directory backend = new Directory() {
        @Override
        public RecipientResolution resolve(String address) {
            calls.incrementAndGet();
            if (down) {
                throw new DirectoryUnavailableException("down", null);
            }
            return new RecipientResolution(address, RecipientResolution.Kind.ACCOUNT, true, List.of(address), List.of(), false);
        }

        @Override
        public Optional<AuthenticatedAccount> authenticate(String username, String password) {
            calls.incrementAndGet();
            return Optional.empty();
        }
    };
    private final CachingDirectory cache = new CachingDirectory(backend, Duration.ofSeconds(30), clock);

    @Test
    void answersRepeatedLookupsWithinTheTtlFromTheCache() {
        cache.resolve("bob@example.test");
        now = now.plusSeconds(29);
        cache.resolve("bob@example.test");
        assertThat(calls).hasValue(1);
    }

    @Test
    void asksAgainOnceTheTtlHasPassed() {
        cache.resolve("bob@example.test");
        now = now.plusSeconds(30);
        cache.resolve("bob@example.test");
        assertThat(calls).hasValue(2);
    }

    @Test
    void doesNotCacheFailures() {
        down = true;
        assertThatThrownBy(() -> cache.resolve("bob@example.test")).isInstanceOf(DirectoryUnavailableException.class);
        down = false;
        assertThat(cache.resolve("bob@example.test").kind()).isEqualTo(RecipientResolution.Kind.ACCOUNT);
    }

    @Test
    void neverCachesLogins() {
        cache.authenticate("bob@example.test", "x");
        cache.authenticate("bob@example.test", "x");
        assertThat(calls).hasValue(2);
    }
}

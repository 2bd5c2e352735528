package dev.kuvert.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueIdsTest {
    @Test
    void idsShouldBeTwentyBase32CharactersUniqueAndSortedByTime() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(QueueIds.next(now));
        }
        assertThat(ids).hasSize(10_000).allSatisfy(id -> assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{20}"));
        assertThat(QueueIds.next(now.plusMillis(1))).isGreaterThan(QueueIds.next(now));
    }
}

package dev.kuvert.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.delivery.DeliveryServiceTestBase;
import dev.kuvert.delivery.log.DeliveryLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HousekeepingIT extends DeliveryServiceTestBase {
    @Autowired
    Housekeeping housekeeping;

    @Autowired
    DeliveryLog deliveryLog;

    @Autowired
    Transactions tx;

    @Test
    void deliveryLogEntriesShouldGoOnceOlderThanTheirRetentionAndNoSooner() {
        String queueId = "HK" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        Instant now = Instant.now();
        tx.execute(() -> {
            deliveryLog.append(List.of(entry(queueId, "old@hk.test", now.minus(Duration.ofDays(31))),
                    entry(queueId, "recent@hk.test", now.minus(Duration.ofDays(29)))));
            return null;
        });

        housekeeping.runOnce();

        assertThat(jdbc.sql("SELECT recipient FROM delivery_log WHERE queue_id = ?").param(queueId).query(String.class).list())
                .containsExactly("recent@hk.test");
    }

    private static DeliveryLog.Entry entry(String queueId, String recipient, Instant attemptedAt) {
        return new DeliveryLog.Entry(queueId, "sender@hk.test", recipient, recipient, RecipientState.DELIVERED, "mailbox-service",
                null, "250 2.0.0 delivered", "test", attemptedAt);
    }
}

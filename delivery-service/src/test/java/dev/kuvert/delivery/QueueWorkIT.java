package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.support.HandOff;
import dev.kuvert.delivery.support.MailboxStub.Behaviour;
import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** How the queue is worked: leases of dead instances, the active window's share for retries, two instances on one queue. */
class QueueWorkIT extends DeliveryServiceTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void recipientsLeasedByAnInstanceThatDiedShouldReturnWhenTheLeaseEndsAndBeDelivered() throws Exception {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        String queueId = "DEAD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        BlobStore.StoredBlob body = blobs.write(new ByteArrayInputStream(HandOff.message("orphan", 500)), 10_000);
        insertMessage(queueId, body);
        write(jdbc.sql("""
                INSERT INTO queue_recipient (message_id, recipient, recipient_domain, original_recipient, original_domain, state,
                                             attempts, lease_owner, lease_expires_at)
                VALUES (?, ?, ?, ?, ?, 'IN_FLIGHT', 0, 'crashed-instance', ?)""")
                .params(queueId, bob, bob.substring(4), bob, bob.substring(4), Timestamp.from(Instant.now().minusSeconds(1))));

        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
        assertThat(MAILBOX.requests(queueId)).hasSize(1);
    }

    @Test
    void aBacklogOfDeferredMailShouldTakeOnlyItsShareOfTheWindowAndNeverHoldUpFreshMail() throws Exception {
        String domain = newDomain();
        String queueId = "BACKLOG" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase();
        BlobStore.StoredBlob body = blobs.write(new ByteArrayInputStream(HandOff.message("backlog", 500)), 10_000);
        insertMessage(queueId, body);
        List<String> slow = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String address = "slow" + i + "@" + domain;
            slow.add(address);
            MAILBOX.account(address);
            MAILBOX.behave(address, Behaviour.HOLD);
            write(jdbc.sql("""
                    INSERT INTO queue_recipient (message_id, recipient, recipient_domain, original_recipient, original_domain, route,
                                                 state, attempts, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, 'LOCAL', 'DEFERRED', 1, ?)""")
                    .params(queueId, address, domain, address, domain, Timestamp.from(Instant.now().minusSeconds(60 + i))));
        }
        try {
            await().atMost(DEADLINE).until(() -> MAILBOX.held() == 4);

            String bob = "bob@" + domain;
            MAILBOX.account(bob);
            String fresh = handOff("alice@example.org", HandOff.message("fresh", 1000), bob);

            await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(states(fresh).get(bob)));
            assertThat(MAILBOX.held()).as("retries stay within their share of the window").isEqualTo(4);
        } finally {
            slow.forEach(address -> MAILBOX.behave(address, Behaviour.STORE));
            MAILBOX.releaseHeld();
        }
        await().atMost(DEADLINE).until(() -> states(queueId).values().stream().allMatch("DELIVERED"::equals));
    }

    @Test
    void twoInstancesWorkingOneQueueShouldDeliverEveryRecipientExactlyOnce() throws Exception {
        String domain = newDomain();
        try (ConfigurableApplicationContext second = secondInstance()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            List<Future<String>> handOffs = new ArrayList<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 60; i++) {
                    String a = "a" + i + "@" + domain;
                    String b = "b" + i + "@" + domain;
                    for (String account : List.of(a, b)) {
                        MAILBOX.account(account);
                        MAILBOX.delay(account, Duration.ofMillis(20));
                    }
                    int target = i % 2 == 0 ? port : secondPort;
                    handOffs.add(clients.submit(() -> HandOff.queueId(HandOff.post(target, secret.serviceCredential(),
                            HandOff.envelope("alice@example.org", a, b), HandOff.message("twice?", 1000)))));
                }
                List<String> queueIds = new ArrayList<>();
                for (Future<String> f : handOffs) {
                    queueIds.add(f.get());
                }

                await().atMost(DEADLINE).until(() -> queueIds.stream().allMatch(id -> {
                    Map<String, String> states = states(id);
                    return states.size() == 2 && states.values().stream().allMatch("DELIVERED"::equals);
                }));
                for (String id : queueIds) {
                    assertThat(MAILBOX.requests(id)).as(id).hasSize(2).extracting(r -> r.account()).doesNotHaveDuplicates();
                }
                assertThat(jdbc.sql("SELECT COUNT(DISTINCT instance_id) FROM delivery_log WHERE recipient_domain = ?").param(domain)
                        .query(Long.class).single()).as("both instances delivered").isEqualTo(2);
            }
        }
    }

    /** Another delivery-service on the same database, spool and mailbox service. */
    private ConfigurableApplicationContext secondInstance() {
        var db = dev.kuvert.launcher.db.EmbeddedMariaDb.shared();
        return new SpringApplicationBuilder(DeliveryServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl("kuvert_delivery_it"),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--KUVERT_SECRET=" + SECRET,
                "--kuvert.data-dir=" + DATA_DIR,
                "--kuvert.mailbox-url=" + MAILBOX.url(),
                "--kuvert.retry-schedule=300ms,1h",
                "--kuvert.queue.poll-interval=100ms");
    }

    private void insertMessage(String queueId, BlobStore.StoredBlob body) {
        write(jdbc.sql("""
                INSERT INTO queue_message (id, sender, sender_domain, size_bytes, blob_key, received_at, expires_at)
                VALUES (?, 'alice@example.org', 'example.org', ?, ?, ?, ?)""")
                .params(queueId, body.size(), body.key(), Timestamp.from(Instant.now()), Timestamp.from(Instant.now().plus(Duration.ofDays(5)))));
    }
}

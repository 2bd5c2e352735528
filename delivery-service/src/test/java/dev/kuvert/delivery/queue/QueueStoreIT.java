package dev.kuvert.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.delivery.log.DeliveryLog;
import dev.kuvert.delivery.transport.Route;
import dev.kuvert.launcher.db.EmbeddedMariaDb;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The queue tables under concurrent instances: claiming, leases, the active window's shares, recording, completion. */
class QueueStoreIT {
    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static QueueStore store;
    private static Transactions tx;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    static void database() {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(db.jdbcUrl("kuvert_delivery_store_it"));
        dataSource.setUsername(db.user());
        dataSource.setPassword(db.password());
        dataSource.setMaximumPoolSize(10);
        dataSource.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        JdbcTemplate template = new JdbcTemplate(dataSource);
        store = new QueueStore(jdbc, template, new DeliveryLog(jdbc, template));
        tx = new Transactions(new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @BeforeEach
    void emptyQueue() {
        jdbc.sql("DELETE FROM queue_message").update();
        jdbc.sql("DELETE FROM delivery_log").update();
    }

    @Test
    void concurrentInstancesClaimingOneQueueShouldNeverGetTheSameRecipient() throws Exception {
        insert(100, 5);
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> instances = IntStream.range(0, 4).<Callable<Void>>mapToObj(i -> () -> {
            while (true) {
                List<Claim> batch = tx.execute(() -> store.claim("instance-" + i, 7, 7, now, Duration.ofMinutes(5)));
                if (batch.isEmpty()) {
                    return null;
                }
                batch.forEach(c -> claimed.add(c.recipientId()));
            }
        }).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Void> f : pool.invokeAll(instances)) {
                f.get();
            }
        }

        assertThat(claimed).hasSize(500).doesNotHaveDuplicates();
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT lease_owner) FROM queue_recipient WHERE state = 'IN_FLIGHT'").query(Long.class).single())
                .as("every instance got work").isEqualTo(4);
    }

    @Test
    void freshRecipientsShouldBeClaimedBeforeDeferredOnesAndDeferredOnlyUpToTheirShare() {
        insert(1, 10);
        jdbc.sql("UPDATE queue_recipient SET state = 'DEFERRED', attempts = 1, next_attempt_at = ?").param(ts(now.minusSeconds(3600))).update();
        String fresh = insert(1, 3).getFirst();

        List<Claim> claims = tx.execute(() -> store.claim("me", 5, 1, now, Duration.ofMinutes(5)));

        assertThat(claims).filteredOn(c -> !c.retry()).hasSize(3).allSatisfy(c -> assertThat(c.queueId()).isEqualTo(fresh));
        assertThat(claims).filteredOn(Claim::retry).hasSize(1);
    }

    @Test
    void recipientsNotYetDueShouldNotBeClaimed() {
        insert(1, 2);
        jdbc.sql("UPDATE queue_recipient SET state = 'DEFERRED', attempts = 1, next_attempt_at = ?").param(ts(now.plusSeconds(60))).update();

        assertThat(tx.execute(() -> store.claim("me", 10, 10, now, Duration.ofMinutes(5)))).isEmpty();
        assertThat(tx.execute(() -> store.claim("me", 10, 10, now.plusSeconds(61), Duration.ofMinutes(5)))).hasSize(2);
    }

    @Test
    void claimsWhoseLeaseExpiredShouldReturnToTheQueueAsTheyWere() {
        insert(1, 2);
        List<Claim> claims = tx.execute(() -> store.claim("crashed", 10, 10, now, Duration.ofSeconds(30)));
        jdbc.sql("UPDATE queue_recipient SET attempts = 1 WHERE id = ?").param(claims.get(1).recipientId()).update();

        assertThat(tx.execute(() -> store.reapExpiredLeases(now.plusSeconds(29)))).isZero();
        assertThat(tx.execute(() -> store.reapExpiredLeases(now.plusSeconds(31)))).isEqualTo(2);

        assertThat(state(claims.get(0).recipientId())).isEqualTo("QUEUED");
        assertThat(state(claims.get(1).recipientId())).isEqualTo("DEFERRED");
        assertThat(tx.execute(() -> store.claim("survivor", 10, 10, now.plusSeconds(31), Duration.ofSeconds(30)))).hasSize(2);
    }

    @Test
    void aRenewedLeaseShouldOutliveItsFirstExpiryAndOnlyTheOwnersLeasesAreRenewed() {
        insert(1, 4);
        List<Claim> mine = tx.execute(() -> store.claim("alive", 2, 0, now, Duration.ofSeconds(30)));
        tx.execute(() -> store.claim("dead", 2, 0, now, Duration.ofSeconds(30)));

        assertThat(tx.execute(() -> store.renewLeasesOf("alive", now.plusSeconds(60)))).isEqualTo(2);

        assertThat(tx.execute(() -> store.reapExpiredLeases(now.plusSeconds(31)))).isEqualTo(2);
        assertThat(mine).allSatisfy(claim -> assertThat(state(claim.recipientId())).isEqualTo("IN_FLIGHT"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM queue_recipient WHERE lease_owner = 'dead'").query(Long.class).single()).isZero();
        assertThat(tx.execute(() -> store.reapExpiredLeases(now.plusSeconds(61)))).isEqualTo(2);
    }

    @Test
    void aRestartedInstanceShouldTakeBackOnlyItsOwnClaimsAtOnce() {
        insert(1, 4);
        tx.execute(() -> store.claim("a", 2, 0, now, Duration.ofMinutes(10)));
        tx.execute(() -> store.claim("b", 2, 0, now, Duration.ofMinutes(10)));

        assertThat(tx.execute(() -> store.releaseLeasesOf("a", now))).isEqualTo(2);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM queue_recipient WHERE state = 'QUEUED'").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM queue_recipient WHERE lease_owner = 'b'").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aResultForALostLeaseShouldNotChangeTheRecipientButStillBeLogged() {
        insert(1, 1);
        Claim claim = tx.execute(() -> store.claim("slow", 1, 0, now, Duration.ofSeconds(1))).getFirst();
        tx.execute(() -> store.reapExpiredLeases(now.plusSeconds(2)));
        tx.execute(() -> store.claim("other", 1, 0, now.plusSeconds(2), Duration.ofMinutes(1)));

        var recorded = tx.execute(() -> store.record(List.of(result(claim, RecipientState.FAILED)), "slow"));

        assertThat(recorded.failures()).isEmpty();
        assertThat(state(claim.recipientId())).isEqualTo("IN_FLIGHT");
        assertThat(jdbc.sql("SELECT status FROM delivery_log WHERE queue_id = ?").param(claim.queueId()).query(String.class).list())
                .containsExactly("FAILED");
    }

    @Test
    void theLastFinalResultShouldCompleteTheMessageOnceAndReportItsFailures() {
        insert(1, 2);
        List<Claim> claims = tx.execute(() -> store.claim("me", 2, 0, now, Duration.ofMinutes(1)));

        var first = tx.execute(() -> store.record(List.of(result(claims.get(0), RecipientState.FAILED)), "me"));
        var second = tx.execute(() -> store.record(List.of(result(claims.get(1), RecipientState.DELIVERED)), "me"));

        assertThat(first.completed()).isEmpty();
        assertThat(first.failures()).singleElement().satisfies(f -> assertThat(f.results()).hasSize(1));
        assertThat(second.completed()).singleElement().satisfies(c -> assertThat(c.queueId()).isEqualTo(claims.get(0).queueId()));
        assertThat(tx.execute(() -> store.completeIfDone(claims.get(0).queueId(), now))).isEmpty();
        assertThat(store.containersInUse(List.of(claims.get(0).blobKey()))).isEmpty();
    }

    @Test
    void aSegmentShouldBeInUseWhilePendingMessagesHaveBlobsInIt() {
        String segment = "seg" + System.nanoTime() % 100_000;
        List<NewMessage> batch = List.of(message(segment + ".0.100"), message(segment + ".100.100"), message("other" + segment));
        tx.execute(() -> {
            store.insert(batch);
            return null;
        });

        assertThat(store.containersInUse(List.of(segment, "other" + segment, "unknown" + segment)))
                .containsExactlyInAnyOrder(segment, "other" + segment);

        jdbc.sql("UPDATE queue_message SET completed_at = NOW() WHERE blob_key LIKE ?").param(segment + ".%").update();
        assertThat(store.containersInUse(List.of(segment))).isEmpty();
    }

    @Test
    void anExpandedAliasShouldKeepItsEnvelopeAddressOnEveryDestination() {
        insert(1, 1);
        Claim claim = tx.execute(() -> store.claim("me", 1, 0, now, Duration.ofMinutes(1))).getFirst();
        var bob = new QueueStore.Target(MailAddress.parse("bob@x.test"), Route.LOCAL);
        var remote = new QueueStore.Target(MailAddress.parse("friend@remote.example"), Route.REMOTE);

        assertThat(tx.execute(() -> store.expand(claim, "me", bob, List.of(remote), now))).isTrue();
        assertThat(tx.execute(() -> store.expand(claim, "someone-else", bob, List.of(remote), now))).isFalse();

        var rows = jdbc.sql("SELECT recipient, original_recipient, route, state FROM queue_recipient ORDER BY id").query().listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("recipient", "bob@x.test").containsEntry("original_recipient", claim.originalRecipient())
                .containsEntry("state", "IN_FLIGHT");
        assertThat(rows.get(1)).containsEntry("recipient", "friend@remote.example").containsEntry("route", "REMOTE")
                .containsEntry("state", "QUEUED");
    }

    private NewMessage message(String blobKey) {
        return new NewMessage(QueueIds.next(now), MailAddress.parse("sender@example.org"), 100, blobKey, "192.0.2.1", "helo", null, "MX",
                now, now.plus(Duration.ofDays(5)), List.of(MailAddress.parse("r@example.test")));
    }

    private List<String> insert(int messages, int recipientsEach) {
        List<NewMessage> batch = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            String id = QueueIds.next(now);
            List<MailAddress> recipients = IntStream.range(0, recipientsEach)
                    .mapToObj(r -> MailAddress.parse("r" + r + "@example.test")).toList();
            batch.add(new NewMessage(id, MailAddress.parse("sender@example.org"), 100, id, "192.0.2.1", "helo", null, "MX", now,
                    now.plus(Duration.ofDays(5)), recipients));
        }
        tx.execute(() -> {
            store.insert(batch);
            return null;
        });
        return batch.stream().map(NewMessage::queueId).toList();
    }

    private static AttemptResult result(Claim claim, RecipientState state) {
        return new AttemptResult(claim, claim.recipient(), Route.LOCAL, state, state == RecipientState.FAILED ? "550 5.1.1 no" : "250 ok",
                "mailbox", null, Instant.now(), null);
    }

    private static String state(long recipientId) {
        return jdbc.sql("SELECT state FROM queue_recipient WHERE id = ?").param(recipientId).query(String.class).single();
    }

    private static java.sql.Timestamp ts(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }
}

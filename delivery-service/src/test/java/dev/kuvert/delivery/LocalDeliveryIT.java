package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.delivery.support.HandOff;
import dev.kuvert.delivery.support.MailboxStub.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue working through mailbox-service's local delivery endpoint (a stub on loopback), with its failures. */
class LocalDeliveryIT extends DeliveryServiceTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void mailForALocalAccountShouldBeDeliveredOnceWithItsSenderAndBodyAndThenLeaveTheSpool() {
        String domain = newDomain();
        String bob = "bob@" + domain;
        MAILBOX.account(bob);
        byte[] message = HandOff.message("hello bob", 4096);

        String queueId = handOff("alice@example.org", message, "Bob@" + domain);

        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
        var stored = MAILBOX.stored(queueId, bob).orElseThrow();
        assertThat(stored.body()).isEqualTo(message);
        assertThat(stored.sender()).isEqualTo("alice@example.org");
        assertThat(MAILBOX.requests(queueId)).singleElement().satisfies(r -> assertThat(r.folder()).isEqualTo("INBOX"));
        await().atMost(DEADLINE).until(() -> !bodyInSpool(queueId));
        assertThat(jdbc.sql("SELECT completed_at FROM queue_message WHERE id = ?").param(queueId).query(java.sql.Timestamp.class).single())
                .isNotNull();
        Map<String, Object> log = jdbc.sql("SELECT * FROM delivery_log WHERE queue_id = ?").param(queueId).query().singleRow();
        assertThat(log).containsEntry("status", "DELIVERED").containsEntry("recipient", bob).containsEntry("sender", "alice@example.org");
        assertThat((String) log.get("remote_host")).startsWith("mailbox-service 127.0.0.1:");
        assertThat((String) log.get("response")).startsWith("250 2.0.0");
    }

    @Test
    void messagesForOneAccountThatArriveWhileARequestIsUnderWayShouldGoTogetherInTheNextRequest() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        MAILBOX.behave(bob, Behaviour.HOLD, Behaviour.STORE);
        String first = handOff("alice@example.org", HandOff.message("first", 1000), bob);
        await().atMost(DEADLINE).until(() -> MAILBOX.held() >= 1 && MAILBOX.batchSizes(bob).size() == 1);
        List<String> more = java.util.stream.IntStream.range(0, 9)
                .mapToObj(i -> handOff("alice@example.org", HandOff.message("more " + i, 1000), bob)).toList();
        await().atMost(DEADLINE).until(() -> more.stream().allMatch(id -> "IN_FLIGHT".equals(states(id).get(bob))));

        MAILBOX.releaseHeld();

        await().atMost(DEADLINE).until(() -> more.stream().allMatch(id -> "DELIVERED".equals(states(id).get(bob))));
        assertThat(states(first).get(bob)).isEqualTo("DELIVERED");
        assertThat(MAILBOX.batchSizes(bob)).containsExactly(1, 9);
        assertThat(MAILBOX.storedFor(bob)).hasSize(10);
    }

    @Test
    void mailFromTheNullSenderShouldBeDeliveredWithAnEmptyEnvelopeSender() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);

        String queueId = handOff("", HandOff.message("bounce", 1000), bob);

        await().atMost(DEADLINE).until(() -> MAILBOX.stored(queueId, bob).isPresent());
        assertThat(MAILBOX.stored(queueId, bob).orElseThrow().sender()).isEmpty();
    }

    @Test
    void anAliasShouldFanOutToEachMailboxWhileItsExternalDestinationWaitsForItsDomainsDns() {
        String domain = newDomain();
        String team = "team@" + domain;
        String bob = "bob@" + domain;
        String carol = "carol@" + domain;
        MAILBOX.account(bob);
        MAILBOX.account(carol);
        MAILBOX.alias(team, List.of(bob, carol), List.of("friend@remote.example"));

        String queueId = handOff("alice@example.org", HandOff.message("team news", 2000), team);

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(states(queueId))
                .containsEntry(bob, "DELIVERED").containsEntry(carol, "DELIVERED").containsEntry("friend@remote.example", "DEFERRED"));
        Map<String, Object> remote = recipientRow(queueId, "friend@remote.example");
        assertThat(remote).containsEntry("original_recipient", team).containsEntry("route", "REMOTE");
        assertThat((String) remote.get("last_response")).startsWith("451 4.4.3 DNS lookup of the MX of remote.example failed");
        assertThat(recipientRow(queueId, bob)).containsEntry("original_recipient", team);
        assertThat(bodyInSpool(queueId)).as("the remote recipient still needs the body").isTrue();
    }

    @Test
    void aTemporaryFailureShouldBeDeferredOnTheScheduleAndDeliveredByTheNextAttempt() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        MAILBOX.behave(bob, Behaviour.FAIL, Behaviour.STORE);

        String queueId = handOff("alice@example.org", HandOff.message("retry me", 1000), bob);

        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
        assertThat(logStatuses(queueId, bob)).containsExactly("DEFERRED", "DELIVERED");
        assertThat(recipientRow(queueId, bob)).containsEntry("attempts", 2);
        Instant deferredAt = jdbc.sql("SELECT attempted_at FROM delivery_log WHERE queue_id = ? ORDER BY id LIMIT 1").param(queueId)
                .query(java.sql.Timestamp.class).single().toInstant();
        Instant deliveredAt = jdbc.sql("SELECT attempted_at FROM delivery_log WHERE queue_id = ? ORDER BY id DESC LIMIT 1").param(queueId)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(Duration.between(deferredAt, deliveredAt)).as("the first step of the schedule").isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aMailboxServiceThatCrashesAfterStoringShouldStillEndUpWithTheMessageOnce() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        MAILBOX.behave(bob, Behaviour.CRASH_AFTER_STORE, Behaviour.STORE);

        String queueId = handOff("alice@example.org", HandOff.message("crash", 1000), bob);

        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
        assertThat(MAILBOX.requests(queueId)).hasSize(2);
        assertThat(logStatuses(queueId, bob)).containsExactly("DEFERRED", "DELIVERED");
        assertThat((String) recipientRow(queueId, bob).get("last_response")).contains("already delivered");
    }

    @Test
    void anUnknownMailboxShouldFailForGoodAndBeHandedToTheFailureHook() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        MAILBOX.behave(bob, Behaviour.NOT_FOUND);

        String queueId = handOff("alice@example.org", HandOff.message("nobody", 1000), bob);

        await().atMost(DEADLINE).until(() -> "FAILED".equals(states(queueId).get(bob)));
        assertThat((String) recipientRow(queueId, bob).get("last_response")).startsWith("550 5.1.1");
        assertThat(MAILBOX.requests(queueId)).hasSize(1);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(failures.callsFor(queueId)).singleElement().satisfies(call -> {
            assertThat(call.sender()).isEqualTo("alice@example.org");
            assertThat(call.recipients()).singleElement().satisfies(r -> assertThat(r.response()).startsWith("550 5.1.1"));
        }));
        await().atMost(DEADLINE).until(() -> !bodyInSpool(queueId));
    }

    @Test
    void aFullMailboxShouldFailForGoodWith552() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        MAILBOX.behave(bob, Behaviour.FULL);

        String queueId = handOff("alice@example.org", HandOff.message("too much", 1000), bob);

        await().atMost(DEADLINE).until(() -> "FAILED".equals(states(queueId).get(bob)));
        assertThat((String) recipientRow(queueId, bob).get("last_response")).startsWith("552 5.2.2");
        assertThat(logStatuses(queueId, bob)).containsExactly("FAILED");
    }

    @Test
    void anAddressTheDirectoryDoesNotKnowShouldFailWithoutADeliveryAttempt() {
        String ghost = "ghost@" + newDomain();
        MAILBOX.unknownLocal(ghost);

        String queueId = handOff("alice@example.org", HandOff.message("ghost", 1000), ghost);

        await().atMost(DEADLINE).until(() -> "FAILED".equals(states(queueId).get(ghost)));
        assertThat(MAILBOX.requests(queueId)).isEmpty();
        assertThat((String) recipientRow(queueId, ghost).get("last_response")).startsWith("550 5.1.1");
    }

    @Test
    void whenTheDirectoryDoesNotAnswerTheRecipientShouldBeDeferredAndResolvedLater() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        MAILBOX.directoryDown(bob, true);

        String queueId = handOff("alice@example.org", HandOff.message("later", 1000), bob);

        await().atMost(DEADLINE).until(() -> "DEFERRED".equals(states(queueId).get(bob)));
        assertThat((String) recipientRow(queueId, bob).get("last_response")).startsWith("451 4.3.0");
        MAILBOX.directoryDown(bob, false);
        assertThat(api("POST", "/api/v1/queue/" + queueId + "/retry", "*").statusCode()).isEqualTo(200);
        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
    }

    @Test
    void aRecipientStillFailingWhenTheMessageReachesItsMaximumLifetimeShouldFailAsExpired() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        MAILBOX.behave(bob, Behaviour.FAIL);
        String queueId = handOff("alice@example.org", HandOff.message("old", 1000), bob);
        await().atMost(DEADLINE).until(() -> ((Number) recipientRow(queueId, bob).get("attempts")).intValue() >= 2);

        write(jdbc.sql("UPDATE queue_message SET expires_at = ? WHERE id = ?").params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), queueId));
        assertThat(api("POST", "/api/v1/queue/" + queueId + "/retry", "*").statusCode()).isEqualTo(200);

        await().atMost(DEADLINE).until(() -> "FAILED".equals(states(queueId).get(bob)));
        assertThat((String) recipientRow(queueId, bob).get("last_response"))
                .startsWith("554 5.4.7 delivery time expired after 5d").contains("last error: 451");
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(failures.callsFor(queueId)).hasSize(1));
    }
}

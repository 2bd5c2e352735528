package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.contracts.directory.RelayTls;
import dev.kuvert.contracts.directory.SenderRelay;
import dev.kuvert.delivery.support.HandOff;
import dev.kuvert.delivery.support.SmtpSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sender-dependent relaying through the queue: mail whose envelope sender is in a domain of ours with a relay of its
 * own ({@code GET /internal/v1/sender-relays/{domain}} at {@code MailboxStub}) goes to that relay, an {@link SmtpSink}
 * that wants AUTH, over STARTTLS with the domain's credentials; mail from any other domain goes to the recipient's
 * mail exchanger as before; and when the directory cannot tell the relay, the attempt is deferred, never sent directly.
 */
class DomainRelayIT extends DeliveryServiceTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final SmtpSink RELAY = new SmtpSink(new SmtpSink.Options().auth("relay-user", "relay-secret"));

    @BeforeAll
    static void dns() {
        DNS.a("mx.sink.test", "127.0.0.1");
    }

    @AfterAll
    static void stopRelay() {
        RELAY.close();
    }

    /** A domain of ours whose mail goes through {@link #RELAY}. */
    private static String relayedDomain() {
        String domain = newDomain();
        MAILBOX.senderRelay(new SenderRelay(domain, "127.0.0.1", RELAY.port(), RelayTls.STARTTLS, "relay-user", "relay-secret"));
        return domain;
    }

    /** Somebody else's domain whose mail exchanger is the shared sink. */
    private static String remoteDomain() {
        String domain = newDomain();
        DNS.mx(domain, 10, "mx.sink.test");
        return domain;
    }

    private static byte[] message(String from, String to) {
        return ("From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: relayed\r\nMessage-ID: <" + System.nanoTime()
                + "@kuvert.test>\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private String submit(String sender, String recipient) {
        return HandOff.queueId(HandOff.post(port, secret.serviceCredential(), HandOff.submission(sender, sender, recipient),
                message(sender, recipient)));
    }

    @Test
    void mailFromADomainWithItsOwnRelayShouldGoThroughItWithAuthAndMailFromAnotherDomainToTheMx() {
        String alice = "alice@" + relayedDomain();
        String dave = "dave@" + newDomain();
        String remote = remoteDomain();
        String bob = "bob@" + remote;
        String carol = "carol@" + remote;

        String relayed = submit(alice, bob);
        String direct = submit(dave, carol);

        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(relayed).get(bob)) && "DELIVERED".equals(states(direct).get(carol)));
        assertThat(RELAY.receivedFor(bob)).singleElement().satisfies(r -> {
            assertThat(r.mailFrom()).isEqualTo(alice);
            assertThat(r.authenticatedAs()).isEqualTo("relay-user");
            assertThat(r.tls()).isIn("TLSv1.3", "TLSv1.2");
        });
        assertThat(SINK.receivedFor(bob)).isEmpty();
        assertThat(recipientRow(relayed, bob).get("last_response")).asString().startsWith("250 2.0.0 Ok: queued as");
        assertThat(jdbc.sql("SELECT remote_host FROM delivery_log WHERE queue_id = ?").param(relayed).query(String.class).single())
                .isEqualTo("127.0.0.1[127.0.0.1]:" + RELAY.port());

        assertThat(SINK.receivedFor(carol)).singleElement().satisfies(r -> {
            assertThat(r.mailFrom()).isEqualTo(dave);
            assertThat(r.authenticatedAs()).isNull();
        });
        assertThat(RELAY.receivedFor(carol)).isEmpty();
    }

    @Test
    void whenTheDirectoryCannotTellTheRelayTheAttemptShouldBeDeferredAndNeverGoDirectly() {
        String relayedDomain = relayedDomain();
        String bob = "bob@" + remoteDomain();
        MAILBOX.failNext("/internal/v1/sender-relays/" + relayedDomain, 1);

        String queueId = handOff("alice@" + relayedDomain, message("alice@" + relayedDomain, bob), bob);

        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
        assertThat(logStatuses(queueId, bob)).containsExactly("DEFERRED", "DELIVERED");
        assertThat(jdbc.sql("SELECT response FROM delivery_log WHERE queue_id = ? ORDER BY id LIMIT 1").param(queueId)
                .query(String.class).single()).isEqualTo("451 4.3.0 the directory cannot tell the sender's relay now");
        assertThat(RELAY.receivedFor(bob)).hasSize(1);
        assertThat(SINK.receivedFor(bob)).isEmpty();
    }
}

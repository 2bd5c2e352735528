package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.contracts.directory.DkimKey;
import dev.kuvert.delivery.support.HandOff;
import dev.kuvert.delivery.support.MailboxStub;
import dev.kuvert.delivery.support.SmtpSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Outbound mail through the queue: MX lookup at {@code TestDns}, SMTP with STARTTLS to {@code SmtpSink},
 * DKIM checked by jDKIM, retries on the schedule, and bounces into the sender's INBOX. Its own schedule
 * (400 ms, 800 ms, then an hour), a queue lifetime of 6 s and a delay warning after 1 s, so that both happen
 * within the test.
 */
class RemoteDeliveryIT extends DeliveryServiceTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static KeyPair dkim;

    @DynamicPropertySource
    static void schedule(DynamicPropertyRegistry registry) {
        registry.add("kuvert.retry-schedule", () -> "400ms,800ms,1h");
        registry.add("kuvert.max-queue-lifetime", () -> "6s");
        registry.add("kuvert.delay-warning", () -> "1s");
    }

    @BeforeAll
    static void dns() throws Exception {
        DNS.a("mx.sink.test", "127.0.0.1");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        dkim = generator.generateKeyPair();
    }

    /** A domain of ours with a DKIM key in the directory, and a remote domain whose MX is the sink. */
    private record Domains(String local, String remote) {}

    private static Domains domains() {
        String local = newDomain();
        String remote = newDomain();
        DNS.mx(remote, 10, "mx.sink.test");
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(dkim.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        MAILBOX.dkimKey(new DkimKey(local, "kuvert1", "rsa-sha256", pem, Base64.getEncoder().encodeToString(dkim.getPublic().getEncoded())));
        return new Domains(local, remote);
    }

    private static byte[] message(String from, String to, String subject) {
        return ("From: Alice <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nDate: Thu, 26 Nov 2026 12:00:00 +0000\r\n"
                + "Message-ID: <" + System.nanoTime() + "@kuvert.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "Hello,\r\n.a line with a dot\r\n\r\nbye\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private String submit(String sender, byte[] message, String... recipients) {
        return HandOff.queueId(HandOff.post(port, secret.serviceCredential(), HandOff.submission(sender, sender, recipients), message));
    }

    private List<SignatureRecord> verifyDkim(String received, String domain) throws Exception {
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(dkim.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, token) -> {
            assertThat(token.toString()).isEqualTo(domain);
            return List.of(record);
        });
        return verifier.verify(new ByteArrayInputStream(received.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void submittedMailShouldReachTheRemoteMxOverStartTlsInOneTransactionWithAValidDkimSignature() throws Exception {
        Domains d = domains();
        String alice = "alice@" + d.local();
        List<String> rcpts = List.of("bob@" + d.remote(), "carol@" + d.remote(), "dave@" + d.remote());
        byte[] message = message(alice, rcpts.getFirst(), "signed and sealed");

        String queueId = submit(alice, message, rcpts.toArray(String[]::new));

        await().atMost(DEADLINE).until(() -> rcpts.stream().allMatch(r -> "DELIVERED".equals(states(queueId).get(r))));
        List<SmtpSink.Received> received = SINK.receivedFor(rcpts.getFirst());
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.recipients()).containsExactlyInAnyOrderElementsOf(rcpts);
            assertThat(r.mailFrom()).isEqualTo(alice);
            assertThat(r.tls()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(r.text()).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + d.local() + "; s=kuvert1;")
                    .endsWith(new String(message, StandardCharsets.US_ASCII));
        });
        assertThat(verifyDkim(received.getFirst().text(), d.local())).singleElement()
                .satisfies(s -> assertThat(s.getDToken().toString()).isEqualTo(d.local()));
        Map<String, Object> log = jdbc.sql("SELECT * FROM delivery_log WHERE queue_id = ? AND recipient = ?").params(queueId, rcpts.getFirst())
                .query().singleRow();
        assertThat(log).containsEntry("status", "DELIVERED").containsEntry("remote_host", "mx.sink.test[127.0.0.1]:" + SINK.port());
        assertThat((String) log.get("tls")).isIn("TLSv1.3", "TLSv1.2");
        assertThat((String) log.get("response")).startsWith("250 2.0.0 Ok: queued as");
        await().atMost(DEADLINE).until(() -> !bodyInSpool(queueId));
    }

    @Test
    void mailThatCameInAsMxShouldBeForwardedWithoutASignatureOfOurs() {
        Domains d = domains();
        String bob = "bob@" + d.remote();

        String queueId = handOff("alice@" + d.local(), message("alice@" + d.local(), bob, "not ours to sign"), bob);

        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
        assertThat(SINK.receivedFor(bob)).singleElement().satisfies(r -> assertThat(r.text()).startsWith("From: Alice"));
    }

    @Test
    void twoTemporaryFailuresShouldBeRetriedOnTheScheduleAndTheThirdAttemptDeliver() {
        Domains d = domains();
        String bob = "bob@" + d.remote();
        SINK.rcptReplies(bob, "451 4.3.0 busy, come back", "451 4.3.0 still busy", "250 2.1.5 Ok");

        String queueId = submit("alice@" + d.local(), message("alice@" + d.local(), bob, "third time"), bob);

        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
        assertThat(logStatuses(queueId, bob)).containsExactly("DEFERRED", "DEFERRED", "DELIVERED");
        List<Timestamp> times = jdbc.sql("SELECT attempted_at FROM delivery_log WHERE queue_id = ? ORDER BY id").param(queueId)
                .query(Timestamp.class).list();
        Duration first = Duration.between(times.get(0).toInstant(), times.get(1).toInstant());
        Duration second = Duration.between(times.get(1).toInstant(), times.get(2).toInstant());
        // 400 ms and 800 ms, each give or take the 10 % jitter (and the time to notice it is due)
        assertThat(first).isBetween(Duration.ofMillis(355), Duration.ofMillis(1400));
        assertThat(second).isBetween(Duration.ofMillis(715), Duration.ofMillis(1800));
        assertThat(jdbc.sql("SELECT response FROM delivery_log WHERE queue_id = ? ORDER BY id LIMIT 1").param(queueId)
                .query(String.class).single()).isEqualTo("451 4.3.0 busy, come back (in reply to RCPT TO)");
        assertThat(SINK.receivedFor(bob)).hasSize(1);
    }

    @Test
    void aPermanentFailureShouldBounceIntoTheLocalSendersInboxWithinSeconds() {
        Domains d = domains();
        String alice = "alice@" + d.local();
        MAILBOX.account(alice);
        String nobody = "nobody@" + d.remote();
        SINK.rcptReplies(nobody, "550 5.1.1 <" + nobody + ">: Recipient address rejected: User unknown");

        String queueId = submit(alice, message(alice, nobody, "to nobody"), nobody);

        await().atMost(Duration.ofSeconds(10)).until(() -> !MAILBOX.storedFor(alice).isEmpty());
        assertThat(states(queueId)).containsEntry(nobody, "FAILED");
        MailboxStub.Stored bounce = MAILBOX.storedFor(alice).getFirst();
        String dsn = new String(bounce.body(), StandardCharsets.ISO_8859_1);
        assertThat(bounce.sender()).as("a bounce comes from the null sender").isEmpty();
        assertThat(dsn).contains("Content-Type: multipart/report; report-type=delivery-status;")
                .contains("Reporting-MTA: dns; out.kuvert.test")
                .contains("Final-Recipient: rfc822; " + nobody)
                .contains("Action: failed")
                .contains("Status: 5.1.1")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 <" + nobody + ">: Recipient address rejected: User unknown")
                .contains("Content-Type: text/rfc822-headers")
                .contains("Subject: to nobody")
                .doesNotContain(".a line with a dot");
    }

    @Test
    void aRemoteServerDownShouldBringOneDelayWarningAndPastTheQueueLifetimeABounceWithTheLastReason() {
        Domains d = domains();
        String alice = "alice@" + d.local();
        MAILBOX.account(alice);
        String bob = "bob@" + d.remote() + "x";
        DNS.mx(d.remote() + "x", 10, "down." + d.remote()).a("down." + d.remote(), "127.0.0.2");

        String queueId = submit(alice, message(alice, bob, "nobody home"), bob);

        await().atMost(DEADLINE).until(() -> "FAILED".equals(states(queueId).get(bob)));
        assertThat((String) recipientRow(queueId, bob).get("last_response"))
                .startsWith("554 5.4.7 delivery time expired after 6s; last error: 451 4.4.1 cannot connect to down." + d.remote());
        await().atMost(Duration.ofSeconds(10)).until(() -> MAILBOX.storedFor(alice).size() == 2);
        List<String> notices = MAILBOX.storedFor(alice).stream().map(m -> new String(m.body(), StandardCharsets.ISO_8859_1)).toList();
        assertThat(notices.get(0)).contains("Subject: Delayed Mail (still being retried)").contains("Action: delayed")
                .contains("Status: 4.4.1").contains("Will-Retry-Until: ").contains("Subject: nobody home");
        assertThat(notices.get(1)).contains("Action: failed").contains("Status: 5.4.7").contains("delivery time expired")
                .contains("cannot connect to down.");
        assertThat(jdbc.sql("SELECT delay_warned_at FROM queue_message WHERE id = ?").param(queueId).query(Timestamp.class).single())
                .isNotNull();
        assertThat(logStatuses(queueId, bob)).startsWith("DEFERRED").endsWith("FAILED");
    }

    @Test
    void aFailedMessageFromTheNullSenderShouldNeverBeBounced() {
        Domains d = domains();
        String nobody = "nobody@" + d.remote();
        SINK.rcptReplies(nobody, "550 5.1.1 no such user");
        long before = jdbc.sql("SELECT COUNT(*) FROM queue_message WHERE sender = ''").query(Long.class).single();

        String queueId = handOff("", message("mailer-daemon@" + d.local(), nobody, "a bounce that bounces"), nobody);

        await().atMost(DEADLINE).until(() -> "FAILED".equals(states(queueId).get(nobody)));
        await().atMost(DEADLINE).until(() -> !failures.callsFor(queueId).isEmpty());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM queue_message WHERE sender = ''").query(Long.class).single()).isEqualTo(before + 1);
    }
}

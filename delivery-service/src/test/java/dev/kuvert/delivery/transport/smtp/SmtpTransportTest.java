package dev.kuvert.delivery.transport.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.delivery.DeliveryProperties;
import dev.kuvert.delivery.dns.MxResolver;
import dev.kuvert.delivery.spool.FileSystemBlobStore;
import dev.kuvert.delivery.support.SmtpSink;
import dev.kuvert.delivery.support.TestDns;
import dev.kuvert.delivery.transport.Delivery;
import dev.kuvert.delivery.transport.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP client against a receiving server and a DNS server, both on loopback. */
class SmtpTransportTest {
    static final TestDns DNS = new TestDns();
    static final SmtpSink SINK = new SmtpSink();

    @TempDir
    Path spool;

    SmtpTransport transport;

    @BeforeAll
    static void dns() {
        DNS.a("mx.sink.test", "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        DNS.close();
        SINK.close();
    }

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    static DeliveryProperties.Timeouts timeouts() {
        Duration s = Duration.ofSeconds(5);
        return new DeliveryProperties.Timeouts(s, s, s, s, s, s, s);
    }

    SmtpTransport transport(int port, DeliveryProperties.Relay relay, MessageSigner signer) {
        return transport(port, relay, signer, 5, timeouts());
    }

    SmtpTransport transport(int port, DeliveryProperties.Relay relay, MessageSigner signer, int concurrency,
            DeliveryProperties.Timeouts timeouts) {
        return transportWith(port, Smarthosts.fixed(Smarthost.of(relay)), signer, concurrency, timeouts);
    }

    SmtpTransport transportWith(int port, Smarthosts smarthosts, MessageSigner signer, int concurrency,
            DeliveryProperties.Timeouts timeouts) {
        var outbound = new DeliveryProperties.Outbound(List.of(DNS.server()), Duration.ofSeconds(2), port, concurrency,
                Duration.ofSeconds(5), timeouts, null);
        transport = new SmtpTransport("out.kuvert.test", new MxResolver(List.of(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(DNS.server().split(":")[1]))), Duration.ofSeconds(2), new SecureRandom()),
                new FileSystemBlobStore(spool), signer, smarthosts, outbound);
        return transport;
    }

    SmtpTransport transport(SmtpSink sink) {
        return transport(sink.port(), null, MessageSigner.NONE);
    }

    static String domain() {
        return "r" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    List<Delivery> message(String text, String... recipients) throws IOException {
        return messageFrom("alice@example.test", text, recipients);
    }

    List<Delivery> messageFrom(String sender, String text, String... recipients) throws IOException {
        String id = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        String key = new FileSystemBlobStore(spool).write(new ByteArrayInputStream(body), 1 << 20).key();
        return java.util.Arrays.stream(recipients)
                .map(r -> new Delivery(id, sender, r, key, body.length, sender))
                .toList();
    }

    /** The transport with the MX at {@link #SINK} and {@code smarthosts} choosing the relay per sender. */
    SmtpTransport transport(Smarthosts smarthosts) {
        return transportWith(SINK.port(), smarthosts, MessageSigner.NONE, 5, timeouts());
    }

    static Smarthost relay(SmtpSink sink, Smarthost.Tls tls, String user, String password) {
        return new Smarthost("127.0.0.1", sink.port(), tls, false, user, password);
    }

    static final String MESSAGE = "From: <alice@example.test>\r\nSubject: hi\r\n\r\nHello\r\n";

    @Test
    void severalRecipientsAtOneDomainShouldGoInOneTransactionOverStartTls() throws IOException {
        String domain = domain();
        DNS.mx(domain, 10, "mx.sink.test");
        List<Delivery> deliveries = message(MESSAGE, "a@" + domain, "b@" + domain, "c@" + domain);

        Map<Delivery, Outcome> outcomes = transport(SINK).deliverAll(deliveries);

        assertThat(outcomes.values()).hasSize(3).allSatisfy(o -> {
            assertThat(o).isInstanceOf(Outcome.Delivered.class);
            assertThat(o.response()).startsWith("250 2.0.0 Ok: queued as");
            assertThat(o.remoteHost()).isEqualTo("mx.sink.test[127.0.0.1]:" + SINK.port());
            assertThat(o.tls()).isIn("TLSv1.3", "TLSv1.2");
        });
        assertThat(SINK.receivedFor("a@" + domain)).singleElement().satisfies(r -> {
            assertThat(r.recipients()).containsExactly("a@" + domain, "b@" + domain, "c@" + domain);
            assertThat(r.mailFrom()).isEqualTo("alice@example.test");
            assertThat(r.tls()).isNotNull();
            assertThat(r.text()).isEqualTo(MESSAGE);
            assertThat(r.mailParameters()).contains("SIZE=" + MESSAGE.length());
        });
    }

    @Test
    void eachRecipientShouldGetItsOwnResultFromItsRcptReply() throws IOException {
        String domain = domain();
        DNS.mx(domain, 10, "mx.sink.test");
        SINK.rcptReplies("later@" + domain, "451 4.2.0 try again later");
        SINK.rcptReplies("nobody@" + domain, "550 5.1.1 no such user");
        List<Delivery> deliveries = message(MESSAGE, "ok@" + domain, "later@" + domain, "nobody@" + domain);

        Map<Delivery, Outcome> outcomes = transport(SINK).deliverAll(deliveries);

        assertThat(outcomes.get(deliveries.get(0))).isInstanceOf(Outcome.Delivered.class);
        assertThat(outcomes.get(deliveries.get(1))).isInstanceOf(Outcome.Deferred.class)
                .extracting(Outcome::response).isEqualTo("451 4.2.0 try again later (in reply to RCPT TO)");
        assertThat(outcomes.get(deliveries.get(2))).isInstanceOf(Outcome.Failed.class)
                .extracting(Outcome::response).isEqualTo("550 5.1.1 no such user (in reply to RCPT TO)");
        assertThat(SINK.receivedFor("ok@" + domain)).singleElement()
                .satisfies(r -> assertThat(r.recipients()).containsExactly("ok@" + domain));
    }

    @Test
    void aServerWithoutStartTlsShouldGetTheMessageInClearAndWithoutPipelining() throws IOException {
        try (SmtpSink plain = new SmtpSink(new SmtpSink.Options().startTls(false).pipelining(false))) {
            String domain = domain();
            DNS.mx(domain, 10, "mx.sink.test");
            List<Delivery> deliveries = message(MESSAGE, "a@" + domain);

            Outcome outcome = transport(plain).deliverAll(deliveries).get(deliveries.getFirst());

            assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
            assertThat(outcome.tls()).isNull();
            assertThat(plain.receivedFor("a@" + domain)).singleElement().satisfies(r -> assertThat(r.tls()).isNull());
        }
    }

    @Test
    void linesShouldBeDotStuffedAndEndInCrlfOnTheWire() throws IOException {
        String domain = domain();
        DNS.mx(domain, 10, "mx.sink.test");
        List<Delivery> deliveries = message("Subject: dots\n\n.hidden line\n..two\nbare\rcr\r\nend", "a@" + domain);

        transport(SINK).deliverAll(deliveries);

        assertThat(SINK.receivedFor("a@" + domain)).singleElement().satisfies(r -> assertThat(r.text())
                .isEqualTo("Subject: dots\r\n\r\n.hidden line\r\n..two\r\nbare\r\ncr\r\nend\r\n"));
    }

    @Test
    void aMessageLargerThanTheServerTakesShouldFailForGoodWithoutBeingSent() throws IOException {
        try (SmtpSink small = new SmtpSink(new SmtpSink.Options().sizeLimit(100))) {
            String domain = domain();
            DNS.mx(domain, 10, "mx.sink.test");
            List<Delivery> deliveries = message(MESSAGE + "x".repeat(200) + "\r\n", "a@" + domain);

            Outcome outcome = transport(small).deliverAll(deliveries).get(deliveries.getFirst());

            assertThat(outcome).isInstanceOf(Outcome.Failed.class);
            assertThat(outcome.response()).startsWith("552 5.3.4");
            assertThat(small.receivedFor("a@" + domain)).isEmpty();
        }
    }

    @Test
    void aDomainWithoutMxShouldGetItsMailAtItsOwnAddress() throws IOException {
        String domain = domain();
        DNS.a(domain, "127.0.0.1");
        List<Delivery> deliveries = message(MESSAGE, "a@" + domain);

        Outcome outcome = transport(SINK).deliverAll(deliveries).get(deliveries.getFirst());

        assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
        assertThat(outcome.remoteHost()).startsWith(domain + "[127.0.0.1]");
    }

    @Test
    void theNextMailExchangerShouldBeTriedWhenTheFirstCannotBeReached() throws IOException {
        String domain = domain();
        DNS.mx(domain, 5, "down." + domain).a("down." + domain, "127.0.0.2");
        DNS.mx(domain, 20, "mx.sink.test");
        List<Delivery> deliveries = message(MESSAGE, "a@" + domain);

        Outcome outcome = transport(SINK).deliverAll(deliveries).get(deliveries.getFirst());

        assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
        assertThat(outcome.remoteHost()).startsWith("mx.sink.test[");
    }

    @Test
    void noReachableMailExchangerShouldDeferWithTheReason() throws IOException {
        String domain = domain();
        DNS.mx(domain, 10, "down." + domain).a("down." + domain, "127.0.0.2");
        List<Delivery> deliveries = message(MESSAGE, "a@" + domain);

        Outcome outcome = transport(SINK).deliverAll(deliveries).get(deliveries.getFirst());

        assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
        assertThat(outcome.response()).startsWith("451 4.4.1 cannot connect to down." + domain + "[127.0.0.2]");
    }

    @Test
    void aNullMxShouldFailForGoodAndAMissingDomainToo() throws IOException {
        String nullMx = domain();
        DNS.nullMx(nullMx);
        String missing = domain();
        DNS.nxdomain(missing);
        List<Delivery> toNullMx = message(MESSAGE, "a@" + nullMx);
        List<Delivery> toMissing = message(MESSAGE, "a@" + missing);

        SmtpTransport smtp = transport(SINK);
        Outcome nullOutcome = smtp.deliverAll(toNullMx).get(toNullMx.getFirst());
        Outcome missingOutcome = smtp.deliverAll(toMissing).get(toMissing.getFirst());

        assertThat(nullOutcome).isInstanceOf(Outcome.Failed.class);
        assertThat(nullOutcome.response()).startsWith("556 5.1.10");
        assertThat(missingOutcome).isInstanceOf(Outcome.Failed.class);
        assertThat(missingOutcome.response()).startsWith("550 5.1.2");
    }

    @Test
    void aDnsFailureShouldDefer() throws IOException {
        List<Delivery> deliveries = message(MESSAGE, "a@" + domain());

        Outcome outcome = transport(SINK).deliverAll(deliveries).get(deliveries.getFirst());

        assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
        assertThat(outcome.response()).startsWith("451 4.4.3");
    }

    @Test
    void theNextMessageToTheSameDestinationShouldReuseTheConnection() throws IOException {
        try (SmtpSink sink = new SmtpSink()) {
            String domain = domain();
            DNS.mx(domain, 10, "mx.sink.test");
            SmtpTransport smtp = transport(sink);

            for (int i = 0; i < 3; i++) {
                List<Delivery> deliveries = message(MESSAGE, "a" + i + "@" + domain);
                assertThat(smtp.deliverAll(deliveries).get(deliveries.getFirst())).isInstanceOf(Outcome.Delivered.class);
            }

            assertThat(sink.connections()).isEqualTo(1);
            assertThat(sink.commands()).filteredOn(c -> c.startsWith("MAIL FROM")).hasSize(3);
        }
    }

    @Test
    void concurrentRecipientsOfOneMessageShouldShareATransactionWhenTheyArriveTogether() throws Exception {
        try (SmtpSink sink = new SmtpSink()) {
            String domain = domain();
            DNS.mx(domain, 10, "mx.sink.test");
            SmtpTransport smtp = transport(sink);
            List<Delivery> deliveries = message(MESSAGE, "a@" + domain, "b@" + domain, "c@" + domain, "d@" + domain);

            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var results = deliveries.stream().map(d -> threads.submit(() -> smtp.deliver(d))).toList();
                for (var r : results) {
                    assertThat(r.get()).isInstanceOf(Outcome.Delivered.class);
                }
            }

            int transactions = (int) sink.commands().stream().filter(c -> c.startsWith("MAIL FROM")).count();
            assertThat(transactions).isLessThan(4);
        }
    }

    @Test
    void aSmarthostShouldTakeAllMailAfterAuthPlainUnderStartTls() throws IOException {
        try (SmtpSink relay = new SmtpSink(new SmtpSink.Options().auth("relay-user", "relay-secret"))) {
            var config = new DeliveryProperties.Relay("127.0.0.1", relay.port(), "relay-user", "relay-secret", null, false);
            List<Delivery> deliveries = message(MESSAGE, "a@" + domain(), "b@" + domain());
            SmtpTransport smtp = transport(25, config, MessageSigner.NONE);

            for (Delivery d : deliveries) {
                Outcome outcome = smtp.deliverAll(List.of(d)).get(d);
                assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
                assertThat(outcome.remoteHost()).isEqualTo("127.0.0.1[127.0.0.1]:" + relay.port());
            }

            assertThat(relay.receivedFor(deliveries.get(0).recipient())).singleElement()
                    .satisfies(r -> assertThat(r.authenticatedAs()).isEqualTo("relay-user"))
                    .satisfies(r -> assertThat(r.tls()).isNotNull());
            assertThat(relay.receivedFor(deliveries.get(1).recipient())).hasSize(1);
        }
    }

    @Test
    void aSmarthostWithImplicitTlsAndWrongPasswordShouldDeferWithoutSending() throws IOException {
        try (SmtpSink relay = new SmtpSink(new SmtpSink.Options().implicitTls().auth("relay-user", "relay-secret"))) {
            var good = new DeliveryProperties.Relay("127.0.0.1", relay.port(), "relay-user", "relay-secret", true, false);
            var bad = new DeliveryProperties.Relay("127.0.0.1", relay.port(), "relay-user", "wrong", true, false);
            List<Delivery> deliveries = message(MESSAGE, "a@" + domain());

            Outcome refused = transport(25, bad, MessageSigner.NONE).deliverAll(deliveries).get(deliveries.getFirst());
            transport.close();
            Outcome accepted = transport(25, good, MessageSigner.NONE).deliverAll(deliveries).get(deliveries.getFirst());

            assertThat(refused).isInstanceOf(Outcome.Deferred.class);
            assertThat(refused.response()).startsWith("451 4.7.0").contains("refused the login");
            assertThat(accepted).isInstanceOf(Outcome.Delivered.class);
            assertThat(accepted.tls()).isNotNull();
        }
    }

    @Test
    void aSmarthostWhoseCertificateIsNotTrustedShouldNotGetTheMail() throws IOException {
        try (SmtpSink relay = new SmtpSink(new SmtpSink.Options().auth("relay-user", "relay-secret"))) {
            var verifying = new DeliveryProperties.Relay("127.0.0.1", relay.port(), "relay-user", "relay-secret", null, true);
            List<Delivery> deliveries = message(MESSAGE, "a@" + domain());

            Outcome outcome = transport(25, verifying, MessageSigner.NONE).deliverAll(deliveries).get(deliveries.getFirst());

            assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
            assertThat(outcome.response()).startsWith("451 4.7.5 TLS with");
            assertThat(relay.receivedFor(deliveries.getFirst().recipient())).isEmpty();
        }
    }

    @Test
    void aSendersOwnRelayShouldTakeItsMailWithAuthAndOtherSendersMailGoToTheMx() throws IOException {
        try (SmtpSink relay = new SmtpSink(new SmtpSink.Options().auth("relay-user", "relay-secret"))) {
            String domain = domain();
            DNS.mx(domain, 10, "mx.sink.test");
            Smarthost own = relay(relay, Smarthost.Tls.STARTTLS, "relay-user", "relay-secret");
            SmtpTransport smtp = transport(sender -> Optional.ofNullable(sender.endsWith("@relayed.test") ? own : null));
            List<Delivery> relayed = messageFrom("alice@relayed.test", MESSAGE, "a@" + domain);
            List<Delivery> direct = messageFrom("bob@direct.test", MESSAGE, "b@" + domain);

            Outcome viaRelay = smtp.deliverAll(relayed).get(relayed.getFirst());
            Outcome viaMx = smtp.deliverAll(direct).get(direct.getFirst());

            assertThat(viaRelay).isInstanceOf(Outcome.Delivered.class);
            assertThat(viaRelay.remoteHost()).isEqualTo("127.0.0.1[127.0.0.1]:" + relay.port());
            assertThat(relay.receivedFor("a@" + domain)).singleElement().satisfies(r -> {
                assertThat(r.authenticatedAs()).isEqualTo("relay-user");
                assertThat(r.tls()).isNotNull();
                assertThat(r.mailFrom()).isEqualTo("alice@relayed.test");
            });
            assertThat(SINK.receivedFor("a@" + domain)).isEmpty();
            assertThat(viaMx).isInstanceOf(Outcome.Delivered.class);
            assertThat(viaMx.remoteHost()).startsWith("mx.sink.test[");
            assertThat(relay.receivedFor("b@" + domain)).isEmpty();
        }
    }

    @Test
    void twoRelaysOnOneHostWithOtherCredentialsShouldNeverShareAConnection() throws IOException {
        try (SmtpSink relay = new SmtpSink(new SmtpSink.Options().auth("relay-user", "relay-secret"))) {
            Smarthost good = relay(relay, Smarthost.Tls.STARTTLS, "relay-user", "relay-secret");
            Smarthost other = relay(relay, Smarthost.Tls.STARTTLS, "someone-else", "not-the-secret");
            SmtpTransport smtp = transport(sender -> Optional.of(sender.startsWith("good@") ? good : other));
            List<Delivery> first = messageFrom("good@one.test", MESSAGE, "a@" + domain());
            List<Delivery> second = messageFrom("other@two.test", MESSAGE, "b@" + domain());

            Outcome accepted = smtp.deliverAll(first).get(first.getFirst());
            Outcome refused = smtp.deliverAll(second).get(second.getFirst());

            assertThat(accepted).isInstanceOf(Outcome.Delivered.class);
            assertThat(refused).isInstanceOf(Outcome.Deferred.class);
            assertThat(refused.response()).startsWith("451 4.7.0").contains("refused the login");
            assertThat(relay.connections()).isEqualTo(2);
            assertThat(relay.receivedFor(second.getFirst().recipient())).isEmpty();
        }
    }

    @Test
    void aRelayInClearShouldNotBeAskedForStartTlsAndOneThatMustSpeakTlsButCannotShouldNotGetTheMail() throws IOException {
        try (SmtpSink relay = new SmtpSink()) {
            List<Delivery> deliveries = message(MESSAGE, "a@" + domain());

            Outcome outcome = transport(Smarthosts.fixed(relay(relay, Smarthost.Tls.NONE, null, null)))
                    .deliverAll(deliveries).get(deliveries.getFirst());

            assertThat(outcome).isInstanceOf(Outcome.Delivered.class);
            assertThat(outcome.tls()).isNull();
            assertThat(relay.commands()).doesNotContain("STARTTLS");
        }
        try (SmtpSink plain = new SmtpSink(new SmtpSink.Options().startTls(false))) {
            List<Delivery> deliveries = message(MESSAGE, "a@" + domain());
            transport.close();

            Outcome outcome = transport(Smarthosts.fixed(relay(plain, Smarthost.Tls.STARTTLS, null, null)))
                    .deliverAll(deliveries).get(deliveries.getFirst());

            assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
            assertThat(outcome.response()).startsWith("451 4.7.0 the relay").endsWith("offers no TLS; it is required");
            assertThat(plain.receivedFor(deliveries.getFirst().recipient())).isEmpty();
        }
    }

    @Test
    void credentialsShouldNeverBeConfiguredForAConnectionInClear() {
        assertThatThrownBy(() -> new Smarthost("relay.example", 25, Smarthost.Tls.NONE, true, "user", "secret"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Smarthost("relay.example", 25, Smarthost.Tls.OPPORTUNISTIC, true, "user", "secret"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRelayThatCannotBeToldNowShouldDeferTheMailNotSendItDirectly() throws IOException {
        String domain = domain();
        DNS.mx(domain, 10, "mx.sink.test");
        List<Delivery> deliveries = message(MESSAGE, "a@" + domain);

        Outcome outcome = transport(sender -> {
            throw new IllegalStateException("directory down");
        }).deliverAll(deliveries).get(deliveries.getFirst());

        assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
        assertThat(outcome.response()).isEqualTo("451 4.3.0 the directory cannot tell the sender's relay now");
        assertThat(SINK.receivedFor("a@" + domain)).isEmpty();
    }

    @Test
    void aSignatureShouldGoInFrontOfTheMessage() throws IOException {
        String domain = domain();
        DNS.mx(domain, 10, "mx.sink.test");
        List<Delivery> deliveries = message(MESSAGE, "a@" + domain);

        transport(SINK.port(), null, d -> "X-Signed: yes\r\n").deliverAll(deliveries);

        assertThat(SINK.receivedFor("a@" + domain)).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("X-Signed: yes\r\n" + MESSAGE));
        assertThat(Files.exists(spool)).isTrue();
    }

    @Test
    void noMoreConnectionsThanTheDestinationLimitShouldBeOpenAtOnce() throws Exception {
        try (SmtpSink slow = new SmtpSink(new SmtpSink.Options().greetingDelay(Duration.ofMillis(300)))) {
            String domain = domain();
            DNS.mx(domain, 10, "mx.sink.test");
            SmtpTransport smtp = transport(slow.port(), null, MessageSigner.NONE, 2, timeouts());
            List<List<Delivery>> messages = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                messages.add(message(MESSAGE, "r" + i + "@" + domain));
            }

            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var results = messages.stream().map(m -> threads.submit(() -> smtp.deliverAll(m).get(m.getFirst()))).toList();
                for (var r : results) {
                    assertThat(r.get()).isInstanceOf(Outcome.Delivered.class);
                }
            }

            assertThat(slow.mostOpenAtOnce()).isEqualTo(2);
        }
    }

    @Test
    void aServerThatDoesNotGreetInTimeShouldDeferTheMail() throws IOException {
        try (SmtpSink hanging = new SmtpSink(new SmtpSink.Options().greetingDelay(Duration.ofSeconds(3)))) {
            String domain = domain();
            DNS.mx(domain, 10, "mx.sink.test");
            Duration s = Duration.ofSeconds(5);
            var impatient = new DeliveryProperties.Timeouts(s, Duration.ofMillis(300), s, s, s, s, s);
            List<Delivery> deliveries = message(MESSAGE, "a@" + domain);

            long start = System.nanoTime();
            Outcome outcome = transport(hanging.port(), null, MessageSigner.NONE, 5, impatient).deliverAll(deliveries)
                    .get(deliveries.getFirst());

            assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
            assertThat(outcome.response()).startsWith("451 4.4.2 mx.sink.test[127.0.0.1]").endsWith("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void anEightBitMessageShouldBeDeclaredToA8BitMimeServerAndNotedOtherwise() throws IOException {
        String text = "From: <alice@example.test>\r\nSubject: caf\u00e9\r\n\r\nd\u00e9j\u00e0 vu\r\n";
        String domain = domain();
        DNS.mx(domain, 10, "mx.sink.test");
        List<Delivery> toEightBit = message(text, "a@" + domain);

        Outcome declared = transport(SINK).deliverAll(toEightBit).get(toEightBit.getFirst());

        assertThat(declared.response()).doesNotContain("8BITMIME");
        assertThat(SINK.receivedFor("a@" + domain)).singleElement()
                .satisfies(r -> assertThat(r.mailParameters()).contains("BODY=8BITMIME"));
        try (SmtpSink sevenBit = new SmtpSink(new SmtpSink.Options().eightBitMime(false))) {
            List<Delivery> toSevenBit = message(text, "b@" + domain);
            transport.close();

            Outcome noted = transport(sevenBit).deliverAll(toSevenBit).get(toSevenBit.getFirst());

            assertThat(noted).isInstanceOf(Outcome.Delivered.class);
            assertThat(noted.response()).endsWith("(8-bit message sent to a server without 8BITMIME)");
            assertThat(sevenBit.receivedFor("b@" + domain)).singleElement()
                    .satisfies(r -> assertThat(r.mailParameters()).doesNotContain("BODY="));
        }
    }

    @Test
    void aMessageThatCannotBeSignedNowShouldBeDeferredNotSentUnsigned() throws IOException {
        String domain = domain();
        DNS.mx(domain, 10, "mx.sink.test");
        List<Delivery> deliveries = message(MESSAGE, "a@" + domain);

        Outcome outcome = transport(SINK.port(), null, d -> {
            throw new IllegalStateException("directory down");
        }).deliverAll(deliveries).get(deliveries.getFirst());

        assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
        assertThat(outcome.response()).isEqualTo("451 4.3.0 the message cannot be signed now");
        assertThat(SINK.receivedFor("a@" + domain)).isEmpty();
    }
}

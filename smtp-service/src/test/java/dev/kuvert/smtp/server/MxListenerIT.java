package dev.kuvert.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.spf.SpfVerdict;
import dev.kuvert.smtp.support.SmtpClient;
import dev.kuvert.smtp.support.SmtpTestServer;
import dev.kuvert.smtp.support.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MxListenerIT {
    static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = new SmtpTestServer(TestSettings.defaults(), (client, from, helo) -> new SpfVerdict("pass"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.mailbox.failing(false);
    }

    private SmtpClient mx() {
        SmtpClient client = server.connect(Listener.MX);
        assertThat(client.reply().code()).isEqualTo(220);
        return client;
    }

    @Test
    void greetsWithTheHostnameAndAdvertisesItsExtensionsInEhlo() {
        try (SmtpClient client = server.connect(Listener.MX)) {
            assertThat(client.reply().last()).startsWith("220 mx.kuvert.test ESMTP");
            var ehlo = client.ehlo();
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines()).anyMatch(l -> l.substring(4).equals("PIPELINING"))
                    .anyMatch(l -> l.substring(4).equals("8BITMIME"))
                    .anyMatch(l -> l.substring(4).equals("ENHANCEDSTATUSCODES"))
                    .anyMatch(l -> l.substring(4).equals("STARTTLS"))
                    .anyMatch(l -> l.substring(4).equals("SIZE 26214400"))
                    .noneMatch(l -> l.substring(4).startsWith("AUTH"));
        }
    }

    @Test
    void acceptsMailForALocalAccountAndAnswers250OnlyWithTheQueueId() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            var reply = client.send("someone@remote.example", "bob@example.test", "Subject: hi\r\n\r\nHello Bob");
            assertThat(reply.last()).matches("250 2\\.0\\.0 Ok: queued as Q\\d+");
            var handedOff = server.delivery.last();
            assertThat(handedOff.envelopeJson()).isEqualTo("{\"mailFrom\":\"someone@remote.example\",\"recipients\":[\"bob@example.test\"],"
                    + "\"clientAddress\":\"127.0.0.1\",\"helo\":\"client.example.org\",\"authenticatedAccount\":null,\"port\":\"MX\"}");
            assertThat(handedOff.messageText()).endsWith("Subject: hi\r\n\r\nHello Bob\r\n");
            assertThat(handedOff.messageText()).startsWith("Received: from client.example.org ([127.0.0.1])\r\n\tby mx.kuvert.test (Kuvert) with ESMTP id ");
            assertThat(handedOff.messageText()).contains("\r\n\tfor <bob@example.test>;\r\n\t")
                    .contains("Received-SPF: pass (mx.kuvert.test: domain of someone@remote.example designates 127.0.0.1 as permitted sender)")
                    .doesNotContain("Message-ID:");
        }
    }

    @Test
    void refusesAnUnknownLocalUserWith550_5_1_1() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            client.command("MAIL FROM:<someone@remote.example>");
            assertThat(client.command("RCPT TO:<nobody@example.test>").last()).startsWith("550 5.1.1");
        }
    }

    @Test
    void refusesRelayingForAnUnauthenticatedClientWith550_5_7_1() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            client.command("MAIL FROM:<bob@example.test>");
            assertThat(client.command("RCPT TO:<victim@elsewhere.example>").last()).startsWith("550 5.7.1");
            assertThat(client.command("RCPT TO:<postmaster@elsewhere.example>").last()).startsWith("550 5.7.1");
            assertThat(client.command("RCPT TO:<victim@[192.0.2.1]>").code()).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void refusesAFullMailboxAtRcptWith552_5_2_2() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            client.command("MAIL FROM:<someone@remote.example>");
            assertThat(client.command("RCPT TO:<full@example.test>").last()).startsWith("552 5.2.2");
        }
    }

    @Test
    void answers451_4_3_0WhenTheDirectoryCannotBeAsked() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            client.command("MAIL FROM:<someone@remote.example>");
            server.mailbox.failing(true);
            assertThat(client.command("RCPT TO:<nobody-else@example.test>").last()).startsWith("451 4.3.0");
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void acceptsAnAliasOfALocalAccount() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            client.command("MAIL FROM:<someone@remote.example>");
            assertThat(client.command("RCPT TO:<Sales@Example.TEST>").code()).isEqualTo(250);
        }
    }

    @Test
    void remembersARecipientAnswerForAShortTime() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            client.command("MAIL FROM:<someone@remote.example>");
            client.command("RCPT TO:<cached-check@example.test>");
            int lookups = server.mailbox.recipientLookups();
            client.command("RCPT TO:<cached-check@example.test>");
            assertThat(server.mailbox.recipientLookups()).isEqualTo(lookups);
        }
    }

    @Test
    void allowsAHundredRecipientsAndAnswers452_4_5_3Beyond() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            client.command("MAIL FROM:<someone@remote.example>");
            for (int i = 0; i < 100; i++) {
                assertThat(client.command("RCPT TO:<bob@example.test>").code()).isEqualTo(250);
            }
            assertThat(client.command("RCPT TO:<bob@example.test>").last()).startsWith("452 4.5.3");
        }
    }

    @Test
    void recordsTlsVersionAndCipherInReceivedAfterStartTls() {
        try (SmtpClient client = mx()) {
            client.secure();
            var reply = client.send("someone@remote.example", "bob@example.test", "Subject: tls\r\n\r\nbody");
            assertThat(reply.code()).isEqualTo(250);
            assertThat(server.delivery.last().messageText())
                    .containsPattern("\\(using TLSv1\\.[23] with cipher TLS_\\w+\\)")
                    .contains("with ESMTPS id");
        }
    }

    @Test
    void refusesTls1_1AndOffersOnlyTls1_2And1_3() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            assertThat(client.command("STARTTLS").code()).isEqualTo(220);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.startTls("TLSv1.1"))
                    .isInstanceOf(java.io.UncheckedIOException.class);
        }
        try (SmtpClient client = mx()) {
            client.ehlo();
            client.command("STARTTLS");
            assertThat(client.startTls().getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
        }
    }

    @Test
    void answersAPipelinedTransactionInOrderWhetherACommandWaitsOrNot() {
        try (SmtpClient client = mx()) {
            client.ehlo();
            // RCPT asks the directory and the final dot waits for the queue; NOOP, DATA and QUIT never wait
            client.sendRaw("MAIL FROM:<someone@remote.example>\r\nRCPT TO:<bob@example.test>\r\nNOOP\r\n"
                    + "RCPT TO:<nobody@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
            assertThat(client.reply().last()).startsWith("250");
            assertThat(client.reply().last()).startsWith("250");
            assertThat(client.reply().last()).startsWith("250");
            assertThat(client.reply().last()).startsWith("550 5.1.1");
            assertThat(client.reply().last()).startsWith("250");
            assertThat(client.reply().code()).isEqualTo(354);
            client.sendRaw("Subject: pipelined\r\n\r\nbody\r\n.\r\nNOOP\r\nMAIL FROM:<x@remote.example>\r\nRSET\r\nQUIT\r\n");
            assertThat(client.reply().last()).matches("250 2\\.0\\.0 Ok: queued as Q\\d+");
            assertThat(client.reply().last()).startsWith("250");
            assertThat(client.reply().last()).startsWith("250");
            assertThat(client.reply().last()).startsWith("250");
            assertThat(client.reply().code()).isEqualTo(221);
            assertThat(server.delivery.last().messageText()).endsWith("Subject: pipelined\r\n\r\nbody\r\n");
        }
    }

    @Test
    void aClientThatHangsUpRightAfterPipeliningQuitBehindTheFinalDotLeavesNoErrorBehind() throws Exception {
        var james = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.apache.james.protocols.netty.BasicChannelInboundHandler.class);
        var events = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        events.start();
        var level = james.getLevel();
        james.setLevel(ch.qos.logback.classic.Level.INFO);
        james.addAppender(events);
        try {
            int before = server.delivery.received().size();
            for (int i = 0; i < 20; i++) {
                try (SmtpClient client = mx()) {
                    client.ehlo();
                    client.command("MAIL FROM:<someone@remote.example>");
                    client.command("RCPT TO:<bob@example.test>");
                    assertThat(client.command("DATA").code()).isEqualTo(354);
                    // the final dot waits for the queue on the session's worker, so QUIT is answered there, after the hang-up
                    client.sendRaw("Subject: bye\r\n\r\nbody\r\n.\r\nQUIT\r\n");
                }
            }
            // each session's last event, after its QUIT, on its worker: James logs the connection closed
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> server.delivery.received().size() == before + 20
                    && events.list.stream().filter(e -> e.getFormattedMessage().startsWith("Connection closed for")).count() >= 20);
            assertThat(events.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
                    .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            james.detachAppender(events);
            james.setLevel(level);
        }
    }
}

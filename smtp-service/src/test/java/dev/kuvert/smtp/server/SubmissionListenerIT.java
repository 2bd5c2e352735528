package dev.kuvert.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.support.SmtpClient;
import dev.kuvert.smtp.support.SmtpTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SubmissionListenerIT {
    static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = new SmtpTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SmtpClient authenticated(Listener listener) {
        SmtpClient client = server.connect(listener);
        assertThat(client.reply().code()).isEqualTo(220);
        if (listener.implicitTls()) {
            client.ehlo();
        } else {
            client.secure();
        }
        assertThat(client.authPlain("alice@example.test", "alice-secret").code()).isEqualTo(235);
        return client;
    }

    @Test
    void announcesStartTlsButNotAuthBeforeTlsAndAuthPlainAndLoginAfter() {
        try (SmtpClient client = server.connect(Listener.SUBMISSION)) {
            client.reply();
            var plain = client.ehlo();
            assertThat(plain.lines()).anyMatch(l -> l.endsWith("STARTTLS")).noneMatch(l -> l.contains("AUTH"));
            client.command("STARTTLS");
            client.startTls();
            var secured = client.ehlo();
            assertThat(secured.lines()).noneMatch(l -> l.endsWith("STARTTLS"))
                    .anyMatch(l -> l.substring(4).startsWith("AUTH ") && l.contains("PLAIN") && l.contains("LOGIN"));
        }
    }

    @Test
    void refusesMailFromBeforeAuthenticationWith530_5_7_0() {
        try (SmtpClient client = server.connect(Listener.SUBMISSION)) {
            client.reply();
            client.secure();
            assertThat(client.command("MAIL FROM:<alice@example.test>").last()).startsWith("530 5.7.0");
        }
    }

    @Test
    void relaysForAnAuthenticatedAccountAndCompletesMessageIdAndDate() {
        try (SmtpClient client = authenticated(Listener.SUBMISSION)) {
            var reply = client.send("alice@example.test", "friend@elsewhere.example", "Subject: hello\r\n\r\nHi");
            assertThat(reply.last()).startsWith("250 2.0.0 Ok: queued as ");
            var handedOff = server.delivery.last();
            assertThat(handedOff.envelopeJson()).contains("\"recipients\":[\"friend@elsewhere.example\"]")
                    .contains("\"authenticatedAccount\":\"alice@example.test\"").contains("\"port\":\"SUBMISSION\"");
            assertThat(handedOff.messageText())
                    .containsPattern("\\(using TLSv1\\.[23] with cipher \\w+\\)\r\n\t\\(authenticated as alice@example\\.test\\)")
                    .contains("with ESMTPSA id")
                    .containsPattern("\r\nMessage-ID: <[^>]+@mx\\.kuvert\\.test>\r\n")
                    .containsPattern("\r\nDate: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\r\n")
                    .endsWith("Subject: hello\r\n\r\nHi\r\n")
                    .doesNotContain("Received-SPF");
        }
    }

    @Test
    void keepsTheClientsOwnMessageIdAndDate() {
        try (SmtpClient client = authenticated(Listener.SUBMISSION)) {
            client.send("alice@example.test", "bob@example.test",
                    "Message-Id: <own@client>\r\nDATE: Mon, 1 Jan 2024 10:00:00 +0000\r\nSubject: x\r\n\r\nbody");
            String text = server.delivery.last().messageText();
            assertThat(text).doesNotContain("Message-ID:").contains("Message-Id: <own@client>");
            assertThat(text.split("(?i)\r\ndate:", -1)).hasSize(2);
        }
    }

    @Test
    void letsAnAccountSendAsAnAliasItReceives() {
        try (SmtpClient client = authenticated(Listener.SUBMISSION)) {
            assertThat(client.command("MAIL FROM:<sales@example.test>").code()).isEqualTo(250);
            client.command("RSET");
            assertThat(client.command("MAIL FROM:<Alice+news@Example.test>").code()).isEqualTo(250);
        }
    }

    @Test
    void refusesAnEnvelopeSenderTheAccountDoesNotOwnWith553_5_7_1() {
        try (SmtpClient client = authenticated(Listener.SUBMISSION)) {
            assertThat(client.command("MAIL FROM:<bob@example.test>").last()).startsWith("553 5.7.1");
            assertThat(client.command("MAIL FROM:<ceo@bank.example>").last()).startsWith("553 5.7.1");
            assertThat(client.command("MAIL FROM:<>").last()).startsWith("553 5.7.1");
        }
    }

    @Test
    void stillRefusesUnknownUsersOfLocalDomainsWhenAuthenticated() {
        try (SmtpClient client = authenticated(Listener.SUBMISSION)) {
            client.command("MAIL FROM:<alice@example.test>");
            assertThat(client.command("RCPT TO:<nobody@example.test>").last()).startsWith("550 5.1.1");
        }
    }

    @Test
    void refusesASecondAuthWith503() {
        try (SmtpClient client = authenticated(Listener.SUBMISSION)) {
            assertThat(client.authPlain("alice@example.test", "alice-secret").code()).isEqualTo(503);
        }
    }

    @Test
    void submitsOverImplicitTlsOnTheSubmissionsPort() {
        try (SmtpClient client = authenticated(Listener.SUBMISSIONS)) {
            assertThat(client.socket()).isInstanceOf(javax.net.ssl.SSLSocket.class);
            var reply = client.send("alice@example.test", "bob@example.test", "Subject: 465\r\n\r\nimplicit");
            assertThat(reply.code()).isEqualTo(250);
            assertThat(server.delivery.last().envelopeJson()).contains("\"port\":\"SUBMISSIONS\"");
        }
    }

    @Test
    void doesNotOfferStartTlsOnTheImplicitTlsPort() {
        try (SmtpClient client = server.connect(Listener.SUBMISSIONS)) {
            client.reply();
            assertThat(client.ehlo().lines()).noneMatch(l -> l.endsWith("STARTTLS")).anyMatch(l -> l.contains("AUTH"));
            assertThat(client.command("STARTTLS").code()).isGreaterThanOrEqualTo(500);
        }
    }
}

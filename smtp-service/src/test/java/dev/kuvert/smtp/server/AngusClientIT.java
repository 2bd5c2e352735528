package dev.kuvert.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.smtp.support.SmtpTestServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jakarta Mail (Eclipse Angus) as an independent client of every listener. */
class AngusClientIT {
    static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = new SmtpTestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Session session(Listener listener, boolean auth) {
        Properties props = new Properties();
        String protocol = listener.implicitTls() ? "smtps" : "smtp";
        props.put("mail.transport.protocol", protocol);
        props.put("mail." + protocol + ".host", "127.0.0.1");
        props.put("mail." + protocol + ".port", String.valueOf(server.port(listener)));
        props.put("mail." + protocol + ".ssl.trust", "*");
        props.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        props.put("mail." + protocol + ".connectiontimeout", "5000");
        props.put("mail." + protocol + ".timeout", "10000");
        props.put("mail." + protocol + ".localhost", "angus.client.test");
        if (listener == Listener.SUBMISSION) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (auth) {
            props.put("mail." + protocol + ".auth", "true");
            props.put("mail." + protocol + ".auth.mechanisms", "PLAIN");
        }
        return Session.getInstance(props);
    }

    private static MimeMessage message(Session session, String from, String to, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello from Angus.\n.a line with a leading dot\n");
        return message;
    }

    @Test
    void deliversToALocalMailboxOnTheMxPort() throws Exception {
        Session session = session(Listener.MX, false);
        Transport.send(message(session, "someone@remote.example", "bob@example.test", "via MX"));
        String text = server.delivery.last().messageText();
        assertThat(text).contains("Subject: via MX").contains("\r\n.a line with a leading dot\r\n")
                .contains("Received: from angus.client.test");
    }

    @Test
    void submitsWithStartTlsAndAuthPlainOn587() throws Exception {
        Session session = session(Listener.SUBMISSION, true);
        try (Transport transport = session.getTransport()) {
            transport.connect("alice@example.test", "alice-secret");
            MimeMessage message = message(session, "alice@example.test", "friend@elsewhere.example", "via 587");
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertThat(server.delivery.last().messageText()).contains("Subject: via 587").contains("with ESMTPSA");
    }

    @Test
    void submitsOverImplicitTlsOn465() throws Exception {
        Session session = session(Listener.SUBMISSIONS, true);
        try (Transport transport = session.getTransport()) {
            transport.connect("alice@example.test", "alice-secret");
            MimeMessage message = message(session, "alice@example.test", "bob@example.test", "via 465");
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertThat(server.delivery.last().envelopeJson()).contains("\"port\":\"SUBMISSIONS\"");
    }

    @Test
    void cannotSubmitWithAWrongPassword() {
        Session session = session(Listener.SUBMISSION, true);
        assertThatThrownBy(() -> {
            try (Transport transport = session.getTransport()) {
                transport.connect("alice@example.test", "not-her-password");
            }
        }).isInstanceOf(jakarta.mail.AuthenticationFailedException.class).hasMessageContaining("535 5.7.8");
    }

    @Test
    void cannotRelayThroughTheMxPort() {
        Session session = session(Listener.MX, false);
        assertThatThrownBy(() -> Transport.send(message(session, "someone@remote.example", "victim@elsewhere.example", "relay")))
                .isInstanceOf(jakarta.mail.SendFailedException.class)
                .hasStackTraceContaining("550 5.7.1");
    }
}

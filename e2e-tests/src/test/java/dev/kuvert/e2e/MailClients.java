package dev.kuvert.e2e;

import dev.kuvert.contracts.KuvertPort;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Independent mail clients (Jakarta Mail / Angus) and API shortcuts for the end-to-end tests. */
final class MailClients {
    enum Listener {
        MX(KuvertPort.SMTP_MX),
        SUBMISSION_STARTTLS(KuvertPort.SUBMISSION),
        SUBMISSION_TLS(KuvertPort.SUBMISSIONS);

        final KuvertPort port;

        Listener(KuvertPort port) {
            this.port = port;
        }
    }

    /** What the server answered to a whole transaction: its SMTP code, 250 when accepted. */
    record Sent(int code, String reply) {
        boolean accepted() {
            return code == 250;
        }
    }

    private final Platform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MailClients(Platform platform) {
        this.platform = platform;
    }

    void api(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", platform.adminAuthorization())
                .header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
    }

    Session smtpSession(Listener listener, String user, String password) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(platform.port(listener.port)));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "60000");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        props.put("mail.smtp.localhost", "client.e2e.test");
        if (listener == Listener.SUBMISSION_STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (listener == Listener.SUBMISSION_TLS) {
            props.put("mail.smtp.ssl.enable", "true");
        }
        if (user != null) {
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.auth.mechanisms", "PLAIN");
            props.put("mail.smtp.user", user);
            props.put("mail.smtp.password", password);
        }
        return Session.getInstance(props);
    }

    /** Sends {@code raw} exactly as given (no header rewriting) with the envelope {@code from} → {@code to}. */
    Sent send(Session session, String from, List<String> to, byte[] raw) throws MessagingException {
        try (Transport transport = session.getTransport("smtp")) {
            connect(session, transport);
            return send(transport, session, from, to, raw);
        }
    }

    void connect(Session session, Transport transport) throws MessagingException {
        String user = session.getProperty("mail.smtp.user");
        if (user != null) {
            transport.connect(user, session.getProperty("mail.smtp.password"));
        } else {
            transport.connect();
        }
    }

    /** Sends over an open connection (as one SMTP transaction); failures become the server's code. */
    Sent send(Transport transport, Session session, String from, List<String> to, byte[] raw) throws MessagingException {
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        session.getProperties().put("mail.smtp.from", from);
        Address[] recipients = new Address[to.size()];
        for (int i = 0; i < to.size(); i++) {
            recipients[i] = new InternetAddress(to.get(i));
        }
        try {
            transport.sendMessage(message, recipients);
            return new Sent(250, "accepted");
        } catch (SMTPSendFailedException e) {
            return new Sent(e.getReturnCode(), e.getMessage());
        } catch (jakarta.mail.SendFailedException e) {
            Exception next = e.getNextException();
            while (next != null) {
                if (next instanceof SMTPAddressFailedException address) {
                    return new Sent(address.getReturnCode(), address.getMessage());
                }
                if (next instanceof SMTPSendFailedException failed) {
                    return new Sent(failed.getReturnCode(), failed.getMessage());
                }
                next = next instanceof MessagingException m ? m.getNextException() : null;
            }
            throw e;
        }
    }

    /** Every message in the account's INBOX, as raw bytes, read over POP3 with STLS. */
    List<byte[]> pop3(String user, String password) throws MessagingException, IOException {
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", Integer.toString(platform.port(KuvertPort.POP3)));
        props.put("mail.pop3.starttls.enable", "true");
        props.put("mail.pop3.starttls.required", "true");
        props.put("mail.pop3.ssl.trust", "*");
        props.put("mail.pop3.ssl.checkserveridentity", "false");
        props.put("mail.pop3.connectiontimeout", "10000");
        props.put("mail.pop3.timeout", "60000");
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect(user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<byte[]> raw = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                var out = new ByteArrayOutputStream();
                message.writeTo(out);
                raw.add(out.toByteArray());
            }
            inbox.close(false);
            return raw;
        } finally {
            store.close();
        }
    }

    static byte[] message(String from, String to, String subject, String messageId, String body) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + messageId + ">\r\n"
                + "Date: Thu, 26 Nov 2026 12:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + body).getBytes(StandardCharsets.UTF_8);
    }

    static boolean endsWith(byte[] whole, byte[] suffix) {
        if (suffix.length > whole.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (whole[whole.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}

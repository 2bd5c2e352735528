package dev.kuvert.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.contracts.KuvertPort;
import dev.kuvert.e2e.MailClients.Listener;
import dev.kuvert.e2e.MailClients.Sent;
import jakarta.mail.Session;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail through the running platform with independent clients: received on the MX port, submitted
 * on 587 and 465, queued, delivered to mailboxes, read over POP3.
 */
class MailFlowIT {
    private static final String PASSWORD = "flow-Passw0rd-1";
    private static Platform platform;
    private static MailClients clients;
    private static String domain;

    @BeforeAll
    static void accounts() throws Exception {
        platform = Platform.shared();
        clients = new MailClients(platform);
        domain = "flow-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        clients.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        for (String user : List.of("alice", "bob", "carol")) {
            clients.api("POST", "/api/v1/accounts", "{\"address\":\"" + user + "@" + domain + "\",\"password\":\"" + PASSWORD + "\"}");
        }
        clients.api("POST", "/api/v1/aliases", "{\"address\":\"team@" + domain + "\",\"destinations\":[\"alice@" + domain
                + "\",\"carol@" + domain + "\"]}");
        clients.api("POST", "/api/v1/aliases", "{\"address\":\"@" + domain + "\",\"destinations\":[\"carol@" + domain + "\"]}");
    }

    @Test
    void mailFromTheInternetShouldReachTheMailboxByteIdenticalApartFromAddedHeaders() throws Exception {
        String id = UUID.randomUUID() + "@remote.example";
        byte[] raw = MailClients.message("Someone <someone@remote.example>", "bob@" + domain, "Hello Bob", id,
                "Hi Bob,\r\n.a line starting with a dot\r\nümlauts in UTF-8\r\n");
        Sent sent = clients.send(clients.smtpSession(Listener.MX, null, null), "someone@remote.example", List.of("bob@" + domain), raw);
        assertThat(sent.code()).as(sent.reply()).isEqualTo(250);

        byte[] stored = awaitMessage("bob", id);
        assertThat(MailClients.endsWith(stored, raw)).as(new String(stored, StandardCharsets.UTF_8)).isTrue();
        String added = new String(stored, 0, stored.length - raw.length, StandardCharsets.UTF_8);
        assertThat(added).startsWith("Received: ").contains("Received-SPF:");
    }

    @Test
    void aliasAndCatchAllShouldFanOut() throws Exception {
        String toTeam = UUID.randomUUID() + "@remote.example";
        String toAnyone = UUID.randomUUID() + "@remote.example";
        Session mx = clients.smtpSession(Listener.MX, null, null);
        assertThat(clients.send(mx, "x@remote.example", List.of("team@" + domain),
                MailClients.message("x@remote.example", "team@" + domain, "team", toTeam, "to the team\r\n")).code()).isEqualTo(250);
        assertThat(clients.send(mx, "x@remote.example", List.of("whoever@" + domain),
                MailClients.message("x@remote.example", "whoever@" + domain, "anyone", toAnyone, "catch-all\r\n")).code()).isEqualTo(250);

        awaitMessage("alice", toTeam);
        awaitMessage("carol", toTeam);
        awaitMessage("carol", toAnyone);
    }

    @Test
    void submissionOnBothPortsShouldDeliverAndOnlyAsTheAccountsOwnAddress() throws Exception {
        for (Listener listener : List.of(Listener.SUBMISSION_STARTTLS, Listener.SUBMISSION_TLS)) {
            String id = UUID.randomUUID() + "@" + domain;
            Session alice = clients.smtpSession(listener, "alice@" + domain, PASSWORD);
            Sent sent = clients.send(alice, "alice@" + domain, List.of("bob@" + domain),
                    MailClients.message("alice@" + domain, "bob@" + domain, "via " + listener, id, "submitted\r\n"));
            assertThat(sent.code()).as(listener + ": " + sent.reply()).isEqualTo(250);
            awaitMessage("bob", id);

            Sent forged = clients.send(alice, "bob@" + domain, List.of("carol@" + domain),
                    MailClients.message("bob@" + domain, "carol@" + domain, "forged", UUID.randomUUID() + "@x", "not me\r\n"));
            assertThat(forged.code()).as(forged.reply()).isEqualTo(553);
        }
    }

    @Test
    void nobodyShouldRelayWithoutAuthAndWrongPasswordsAreRefused() throws Exception {
        Sent relay = clients.send(clients.smtpSession(Listener.MX, null, null), "x@remote.example", List.of("victim@elsewhere.example"),
                MailClients.message("x@remote.example", "victim@elsewhere.example", "relay?", UUID.randomUUID() + "@x", "no\r\n"));
        assertThat(relay.code()).isEqualTo(550);
        assertThat(relay.reply()).contains("5.7.1");

        Sent unknown = clients.send(clients.smtpSession(Listener.MX, null, null), "x@remote.example", List.of("nobody@unknown-" + domain),
                MailClients.message("x@remote.example", "nobody@x", "x", UUID.randomUUID() + "@x", "no\r\n"));
        assertThat(unknown.code()).isEqualTo(550);

        Session wrong = clients.smtpSession(Listener.SUBMISSION_TLS, "alice@" + domain, "wrong-password");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> clients.send(wrong, "alice@" + domain,
                List.of("bob@" + domain), MailClients.message("a", "b", "c", UUID.randomUUID() + "@x", "d\r\n"))))
                .isInstanceOf(jakarta.mail.AuthenticationFailedException.class)
                .hasMessageContaining("535");
    }

    @Test
    void whileDeliveryServiceIsDownSmtpShouldAnswer451AndNothingAcceptedIsLost() throws Exception {
        String before = UUID.randomUUID() + "@remote.example";
        Session mx = clients.smtpSession(Listener.MX, null, null);
        assertThat(clients.send(mx, "x@remote.example", List.of("bob@" + domain),
                MailClients.message("x@remote.example", "bob@" + domain, "before", before, "before the crash\r\n")).code()).isEqualTo(250);

        long pid = platform.pidOf("delivery-service").orElseThrow();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(10)).until(() -> !isListening(platform.port(KuvertPort.DELIVERY_HTTP)));
        // the supervisor needs well over ten seconds to bring it back: this transaction meets it down
        Sent whileDown = clients.send(mx, "x@remote.example", List.of("bob@" + domain),
                MailClients.message("x@remote.example", "bob@" + domain, "down", UUID.randomUUID() + "@x", "during\r\n"));
        assertThat(whileDown.code()).as(whileDown.reply()).isEqualTo(451);

        await().atMost(Duration.ofSeconds(120)).until(() -> platform.isReady("delivery-service"));
        String after = UUID.randomUUID() + "@remote.example";
        assertThat(clients.send(mx, "x@remote.example", List.of("bob@" + domain),
                MailClients.message("x@remote.example", "bob@" + domain, "after", after, "after the restart\r\n")).code()).isEqualTo(250);
        awaitMessage("bob", before);
        awaitMessage("bob", after);
    }

    private static byte[] awaitMessage(String user, String messageId) {
        byte[][] found = new byte[1][];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            for (byte[] raw : clients.pop3(user + "@" + domain, PASSWORD)) {
                if (new String(raw, StandardCharsets.UTF_8).contains("Message-ID: <" + messageId + ">")) {
                    found[0] = raw;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

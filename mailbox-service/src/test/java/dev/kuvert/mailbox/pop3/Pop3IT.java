package dev.kuvert.mailbox.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.mailbox.MailboxDatabase;
import dev.kuvert.mailbox.TestServiceClient;
import dev.kuvert.support.PlatformSecret;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** POP3 over real sockets and TLS, with raw bytes and with Jakarta Mail as an independent client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class Pop3IT {
    private static final String PASSWORD = "a-Strong-passw0rd!";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        MailboxDatabase.register(registry, "kuvert_mailbox_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    PlatformSecret secret;

    @Autowired
    Pop3Server server;

    TestServiceClient client;
    String user;
    int stls;
    int implicitTls;

    @BeforeEach
    void account() throws Exception {
        client = new TestServiceClient(port, secret.serviceCredential());
        String domain = "p" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        client.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        user = "pat@" + domain;
        assertThat(client.api("POST", "/api/v1/accounts", TestServiceClient.account(user, PASSWORD, 0)).statusCode()).isEqualTo(201);
        stls = server.boundPorts().get(0);
        implicitTls = server.boundPorts().get(1);
    }

    @Test
    void beforeStlsNoPasswordIsAcceptedAndCapaOffersOnlyStls() throws Exception {
        try (Pop3Client pop = Pop3Client.plain(stls)) {
            assertThat(pop.line()).startsWith("+OK");
            assertThat(pop.command("CAPA")).startsWith("+OK");
            String before = pop.multiline();
            assertThat(before).contains("STLS", "RESP-CODES", "AUTH-RESP-CODE").doesNotContain("USER", "SASL");
            assertThat(pop.command("USER " + user)).startsWith("-ERR [AUTH]");
            assertThat(pop.command("AUTH PLAIN " + plain(user, PASSWORD))).startsWith("-ERR [AUTH]");
            assertThat(pop.command("STLS")).startsWith("+OK");
            pop.startTls();
            assertThat(pop.protocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(pop.command("CAPA")).startsWith("+OK");
            assertThat(pop.multiline()).contains("USER", "SASL PLAIN", "TOP", "UIDL").doesNotContain("STLS");
        }
    }

    @Test
    void commandsPipelinedBehindStlsShouldNeverBeExecuted() throws Exception {
        try (Pop3Client pop = Pop3Client.plain(stls)) {
            pop.line();
            pop.send("STLS\r\nUSER " + user + "\r\nPASS " + PASSWORD + "\r\n");
            String answer = pop.line();
            if (answer != null && answer.startsWith("+OK")) {
                pop.startTls();
                assertThat(pop.command("STAT")).startsWith("-ERR");
            } else {
                assertThat(answer == null || answer.startsWith("-ERR")).as("refused or disconnected: %s", answer).isTrue();
            }
        }
    }

    @Test
    void retrShouldReturnTheStoredBytesDotStuffedAndUidlShouldBeStable() throws Exception {
        String body = "From: sender@example.org\r\nTo: " + user + "\r\nSubject: dots\r\n\r\nline one\r\n.starts with a dot\r\n..two dots\r\n";
        assertThat(client.deliver(user, "QA" + UUID.randomUUID().toString().substring(0, 8), body.getBytes(StandardCharsets.US_ASCII))
                .statusCode()).isEqualTo(201);
        String uidl;
        try (Pop3Client pop = Pop3Client.tls(implicitTls)) {
            pop.line();
            assertThat(pop.command("USER " + user)).startsWith("+OK");
            assertThat(pop.command("PASS " + PASSWORD)).startsWith("+OK");
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 " + body.length());
            assertThat(pop.command("UIDL 1")).startsWith("+OK 1 ");
            uidl = pop.command("UIDL 1").substring("+OK 1 ".length());
            assertThat(pop.command("RETR 1")).startsWith("+OK");
            assertThat(pop.multiline()).isEqualTo(body.replace("\r\n.", "\r\n.."));
            assertThat(pop.command("TOP 1 0")).startsWith("+OK");
            assertThat(pop.multiline()).startsWith("From: sender@example.org").contains("Subject: dots").doesNotContain("line one");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        try (Pop3Client pop = Pop3Client.tls(implicitTls)) {
            pop.line();
            assertThat(pop.command("AUTH PLAIN " + plain(user, PASSWORD))).startsWith("+OK");
            assertThat(pop.command("UIDL 1")).isEqualTo("+OK 1 " + uidl);
        }
    }

    @Test
    void deleShouldTakeEffectOnlyAtQuitAndRsetOrADroppedConnectionUndoesIt() throws Exception {
        client.deliver(user, "QD1", "Subject: one\r\n\r\n1\r\n".getBytes(StandardCharsets.US_ASCII));
        client.deliver(user, "QD2", "Subject: two\r\n\r\n2\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Pop3Client pop = login()) {
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            assertThat(pop.command("RSET")).startsWith("+OK");
            assertThat(pop.command("STAT")).startsWith("+OK 2 ");
            assertThat(pop.command("DELE 1")).startsWith("+OK");
        }
        try (Pop3Client pop = awaitLogin()) {
            assertThat(pop.command("STAT")).startsWith("+OK 2 ");
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        try (Pop3Client pop = awaitLogin()) {
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            assertThat(pop.command("TOP 1 0")).startsWith("+OK");
            assertThat(pop.multiline()).contains("Subject: two");
        }
    }

    @Test
    void aSecondSessionOnTheSameMaildropShouldBeInUseAndAWrongPasswordAuthFailed() throws Exception {
        try (Pop3Client first = login(); Pop3Client second = Pop3Client.tls(implicitTls)) {
            second.line();
            second.command("USER " + user);
            assertThat(second.command("PASS " + PASSWORD)).startsWith("-ERR [IN-USE]");
            assertThat(first.command("NOOP")).startsWith("+OK");
        }
        try (Pop3Client pop = Pop3Client.tls(implicitTls)) {
            pop.line();
            pop.command("USER " + user);
            assertThat(pop.command("PASS wrong-password")).startsWith("-ERR [AUTH]");
        }
    }

    @Test
    void jakartaMailShouldReadTheMessageOverStls() throws Exception {
        String subject = "Hello " + UUID.randomUUID();
        client.deliver(user, "QJ1", ("From: a@example.org\r\nTo: " + user + "\r\nSubject: " + subject + "\r\n\r\nBody text\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", Integer.toString(stls));
        props.put("mail.pop3.starttls.enable", "true");
        props.put("mail.pop3.starttls.required", "true");
        props.put("mail.pop3.ssl.trust", "*");
        props.put("mail.pop3.ssl.checkserveridentity", "false");
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect(user, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            assertThat(messages).hasSize(1);
            assertThat(messages[0].getSubject()).isEqualTo(subject);
            var raw = new ByteArrayOutputStream();
            messages[0].writeTo(raw);
            assertThat(raw.toString(StandardCharsets.US_ASCII)).endsWith("\r\n\r\nBody text\r\n");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    private Pop3Client login() throws Exception {
        Pop3Client pop = Pop3Client.tls(implicitTls);
        pop.line();
        pop.command("USER " + user);
        String answer = pop.command("PASS " + PASSWORD);
        assertThat(answer).startsWith("+OK");
        return pop;
    }

    /** Logs in once the previous session's maildrop lock is released (asynchronously, when its connection closes). */
    private Pop3Client awaitLogin() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Pop3Client pop = Pop3Client.tls(implicitTls);
            pop.line();
            pop.command("USER " + user);
            String answer = pop.command("PASS " + PASSWORD);
            if (answer.startsWith("+OK")) {
                return pop;
            }
            pop.close();
            assertThat(answer).startsWith("-ERR [IN-USE]");
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}

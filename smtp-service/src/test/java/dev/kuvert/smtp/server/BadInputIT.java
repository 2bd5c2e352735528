package dev.kuvert.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.support.FakeDeliveryService;
import dev.kuvert.smtp.support.SmtpClient;
import dev.kuvert.smtp.support.SmtpTestServer;
import dev.kuvert.smtp.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Every line of ARCHITECTURE.md's "Behaviour on bad input", sent as raw bytes. */
class BadInputIT {
    static SmtpTestServer server;

    @BeforeAll
    static void start() {
        server = new SmtpTestServer(TestSettings.defaults().maxMessageSize(DataSize.ofKilobytes(10)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.mailbox.failing(false);
        server.delivery.mode(FakeDeliveryService.Mode.ACCEPT);
    }

    private static SmtpClient greeted(Listener listener) {
        SmtpClient client = server.connect(listener);
        assertThat(client.reply().code()).isEqualTo(220);
        return client;
    }

    private static int handedOff() {
        return server.delivery.received().size();
    }

    @Nested
    class CommandLines {
        @Test
        void aCommandLineOver512OctetsIs500_5_5_2AndTheSessionGoesOn() {
            try (SmtpClient client = greeted(Listener.MX)) {
                String line = "EHLO " + "a".repeat(508) + "\r\n"; // 515 octets
                assertThat(client.sendRaw(line).reply().last()).startsWith("500 5.5.2");
                assertThat(client.command("NOOP").code()).isEqualTo(250);
            }
        }

        @Test
        void aCommandLineOfExactly512OctetsIsAccepted() {
            try (SmtpClient client = greeted(Listener.MX)) {
                String line = "EHLO " + "a".repeat(505) + "\r\n"; // 512 octets
                assertThat(client.sendRaw(line).reply().code()).isEqualTo(250);
            }
        }

        @Test
        void aVeryLongLineAcrossManyReadsGetsOne500_5_5_2() {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.sendRaw("MAIL FROM:<" + "x".repeat(100_000) + "@remote.example>\r\n");
                assertThat(client.reply().last()).startsWith("500 5.5.2");
                assertThat(client.command("NOOP").code()).isEqualTo(250);
            }
        }

        @Test
        void anUnknownCommandIs500() {
            try (SmtpClient client = greeted(Listener.MX)) {
                assertThat(client.command("FROBNICATE now").code()).isEqualTo(500);
                assertThat(client.command("").code()).isEqualTo(500);
            }
        }

        @Test
        void commandsOutOfSequenceAre503() {
            try (SmtpClient client = greeted(Listener.MX)) {
                assertThat(client.command("MAIL FROM:<a@remote.example>").code()).as("MAIL before EHLO").isEqualTo(503);
                client.ehlo();
                assertThat(client.command("RCPT TO:<bob@example.test>").code()).as("RCPT before MAIL").isEqualTo(503);
                assertThat(client.command("DATA").code()).as("DATA before MAIL").isEqualTo(503);
                client.command("MAIL FROM:<a@remote.example>");
                assertThat(client.command("MAIL FROM:<a@remote.example>").code()).as("second MAIL").isEqualTo(503);
                assertThat(client.command("DATA").code()).as("DATA before RCPT").isEqualTo(503);
            }
        }
    }

    @Nested
    class Recipients {
        @Test
        void aRelayAttemptOnTheMxPortIs550_5_7_1() {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.ehlo();
                client.command("MAIL FROM:<bob@example.test>");
                assertThat(client.command("RCPT TO:<someone@elsewhere.example>").last()).startsWith("550 5.7.1");
            }
        }

        @Test
        void anUnknownLocalRecipientIs550_5_1_1() {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.ehlo();
                client.command("MAIL FROM:<someone@remote.example>");
                assertThat(client.command("RCPT TO:<nobody@example.test>").last()).startsWith("550 5.1.1");
            }
        }
    }

    @Nested
    class Authentication {
        @Test
        void authBeforeStartTlsOnTheSubmissionPortIs530_5_7_0() {
            try (SmtpClient client = greeted(Listener.SUBMISSION)) {
                var ehlo = client.ehlo();
                assertThat(ehlo.lines()).noneMatch(line -> line.contains("AUTH"));
                assertThat(client.authPlain("alice@example.test", "alice-secret").last()).startsWith("530 5.7.0");
                assertThat(client.command("AUTH LOGIN").last()).startsWith("530 5.7.0");
            }
        }

        @Test
        void aWrongPasswordIs535_5_7_8() {
            try (SmtpClient client = greeted(Listener.SUBMISSION)) {
                client.secure();
                assertThat(client.authPlain("bob@example.test", "wrong").last()).startsWith("535 5.7.8");
            }
        }

        @Test
        void authSuccessIs235_2_7_0() {
            try (SmtpClient client = greeted(Listener.SUBMISSION)) {
                client.secure();
                assertThat(client.authPlain("alice@example.test", "alice-secret").last()).startsWith("235 2.7.0");
            }
        }

        @Test
        void authLoginSuccessIs235_2_7_0() {
            try (SmtpClient client = greeted(Listener.SUBMISSION)) {
                client.secure();
                assertThat(client.command("AUTH LOGIN").code()).isEqualTo(334);
                assertThat(client.command(base64("alice@example.test")).code()).isEqualTo(334);
                assertThat(client.command(base64("alice-secret")).last()).startsWith("235 2.7.0");
            }
        }
    }

    @Nested
    class MessageSize {
        @Test
        void aDeclaredSizeOverTheAdvertisedLimitIs552_5_3_4() {
            try (SmtpClient client = greeted(Listener.MX)) {
                long limit = advertisedSize(client);
                assertThat(client.command("MAIL FROM:<a@remote.example> SIZE=" + (limit + 1)).last()).startsWith("552 5.3.4");
            }
        }

        @Test
        void aMessageOverTheAdvertisedLimitIs552_5_3_4AndIsNotQueued() {
            try (SmtpClient client = greeted(Listener.MX)) {
                long limit = advertisedSize(client);
                int before = handedOff();
                String body = ("x".repeat(76) + "\r\n").repeat((int) (limit / 78) + 2);
                var reply = client.send("a@remote.example", "bob@example.test", "Subject: big\r\n\r\n" + body);
                assertThat(reply.last()).startsWith("552 5.3.4");
                assertThat(handedOff()).isEqualTo(before);
                assertThat(client.command("NOOP").code()).isEqualTo(250);
            }
        }

        private static long advertisedSize(SmtpClient client) {
            return client.ehlo().lines().stream()
                    .filter(line -> line.substring(4).startsWith("SIZE "))
                    .mapToLong(line -> Long.parseLong(line.substring(9).strip()))
                    .findFirst().orElseThrow();
        }
    }

    @Nested
    class SmtpSmuggling {
        private void assertNeverSplit(String endOfFirst) {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.ehlo();
                assertThat(client.command("MAIL FROM:<a@remote.example>").code()).isEqualTo(250);
                assertThat(client.command("RCPT TO:<bob@example.test>").code()).isEqualTo(250);
                assertThat(client.command("DATA").code()).isEqualTo(354);
                int before = handedOff();
                client.sendRaw("Subject: first\r\n\r\nbody one" + endOfFirst
                        + "MAIL FROM:<spoofed@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n"
                        + "Subject: smuggled\r\n\r\nbody two\r\n.\r\n");
                var reply = client.reply();
                assertThat(reply.code()).as("the whole message is refused").isBetween(500, 599);
                assertThat(client.silentFor(300)).as("exactly one reply for the one message").isTrue();
                assertThat(handedOff()).as("nothing queued").isEqualTo(before);
                assertThat(client.command("NOOP").code()).isEqualTo(250);
            }
        }

        @Test
        void bareLfDotLfNeverEndsAMessage() {
            assertNeverSplit("\n.\n");
        }

        @Test
        void lfDotCrlfNeverEndsAMessage() {
            assertNeverSplit("\n.\r\n");
        }

        @Test
        void crlfDotLfNeverEndsAMessage() {
            assertNeverSplit("\r\n.\n");
        }

        @Test
        void crDotCrNeverEndsAMessage() {
            assertNeverSplit("\r.\r");
        }

        @Test
        void onlyCrlfDotCrlfEndsAMessageAndDotStuffedLinesAreKept() {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.ehlo();
                client.command("MAIL FROM:<a@remote.example>");
                client.command("RCPT TO:<bob@example.test>");
                client.command("DATA");
                client.sendRaw("Subject: dots\r\n\r\n..leading dot\r\n.\r\n");
                assertThat(client.reply().code()).isEqualTo(250);
                assertThat(server.delivery.last().messageText()).endsWith("\r\n\r\n.leading dot\r\n");
            }
        }
    }

    @Nested
    class StartTlsInjection {
        @Test
        void commandsPipelinedBehindStartTlsAreDiscarded() {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.ehlo();
                client.sendRaw("STARTTLS\r\nMAIL FROM:<injected@remote.example>\r\nRCPT TO:<bob@example.test>\r\n");
                assertThat(client.reply().code()).isEqualTo(220);
                client.startTls();
                var ehlo = client.ehlo();
                assertThat(ehlo.code()).as("the first reply under TLS answers our EHLO").isEqualTo(250);
                assertThat(client.command("RCPT TO:<bob@example.test>").code())
                        .as("the injected MAIL was never executed").isEqualTo(503);
            }
        }

        @Test
        void authPipelinedBehindStartTlsOnSubmissionIsDiscarded() {
            try (SmtpClient client = greeted(Listener.SUBMISSION)) {
                client.ehlo();
                String auth = "AUTH PLAIN " + base64("\0alice@example.test\0alice-secret");
                client.sendRaw("STARTTLS\r\n" + auth + "\r\n");
                assertThat(client.reply().code()).isEqualTo(220);
                client.startTls();
                client.ehlo();
                assertThat(client.command("MAIL FROM:<alice@example.test>").last())
                        .as("not authenticated by the injected AUTH").startsWith("530 5.7.0");
            }
        }

        @Test
        void theClientMustSayEhloAgainAfterStartTls() {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.ehlo();
                client.command("STARTTLS");
                client.startTls();
                assertThat(client.command("MAIL FROM:<a@remote.example>").code()).isEqualTo(503);
            }
        }
    }

    @Nested
    class DownstreamDown {
        @Test
        void aDirectoryThatFailsMakesRcpt451() {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.ehlo();
                client.command("MAIL FROM:<a@remote.example>");
                server.mailbox.failing(true);
                assertThat(client.command("RCPT TO:<down-check@example.test>").last()).startsWith("451 4.3.0");
                assertThat(client.command("NOOP").code()).isEqualTo(250);
            }
        }

        @Test
        void aQueueThatCannotTakeTheMessageMakesDataEnd451() {
            try (SmtpClient client = greeted(Listener.MX)) {
                client.ehlo();
                server.delivery.mode(FakeDeliveryService.Mode.UNAVAILABLE);
                var reply = client.send("a@remote.example", "bob@example.test", "Subject: x\r\n\r\nbody");
                assertThat(reply.last()).startsWith("451 4.3.0");
                assertThat(client.command("NOOP").code()).isEqualTo(250);
            }
        }
    }

    @Nested
    class Throttling {
        @Test
        void wrongPasswordsAreAnsweredEverSlowerAndThenLockTheAccount() {
            try (var throttled = new SmtpTestServer(TestSettings.defaults().authThrottle(Duration.ofMillis(150), 50, 4));
                    SmtpClient client = throttled.connect(Listener.SUBMISSION)) {
                client.reply();
                client.secure();
                long first = timed(() -> assertThat(client.authPlain("bob@example.test", "wrong-1").last()).startsWith("535 5.7.8"));
                timed(() -> assertThat(client.authPlain("bob@example.test", "wrong-2").last()).startsWith("535 5.7.8"));
                long third = timed(() -> assertThat(client.authPlain("bob@example.test", "wrong-3").last()).startsWith("535 5.7.8"));
                assertThat(first).isGreaterThanOrEqualTo(150);
                assertThat(third).isGreaterThanOrEqualTo(600).isGreaterThan(first);
                client.authPlain("bob@example.test", "wrong-4");
                assertThat(client.authPlain("bob@example.test", "bob-secret").last())
                        .as("locked: even the right password is refused").startsWith("535 5.7.8");
                assertThat(client.authPlain("alice@example.test", "alice-secret").last())
                        .as("another account from the same address is not locked yet").startsWith("235 2.7.0");
            }
        }

        private long timed(Runnable action) {
            long start = System.nanoTime();
            action.run();
            return Duration.ofNanos(System.nanoTime() - start).toMillis();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.kuvert.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.support.FakeDeliveryService;
import dev.kuvert.smtp.support.SmtpClient;
import dev.kuvert.smtp.support.SmtpTestServer;
import dev.kuvert.smtp.support.TestSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The durable hand-off at the end of DATA: 250 only after delivery-service queued the message. */
class HandOffIT {

    @Test
    void aStoppedDeliveryServiceMakesDataEnd451AndNothingIsAcknowledged() throws Exception {
        try (var server = new SmtpTestServer(TestSettings.defaults().handOffTimeout(Duration.ofSeconds(3)));
                SmtpClient client = server.connect(Listener.MX)) {
            client.reply();
            client.ehlo();
            server.delivery.close();
            var reply = client.send("a@remote.example", "bob@example.test", "Subject: x\r\n\r\nbody");
            assertThat(reply.last()).startsWith("451 4.3.0");
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void aSlowDeliveryServiceMakesDataEnd451WithinTheHandOffTimeout() {
        try (var server = new SmtpTestServer(TestSettings.defaults().handOffTimeout(Duration.ofSeconds(1)));
                SmtpClient client = server.connect(Listener.MX)) {
            client.reply();
            client.ehlo();
            server.delivery.mode(FakeDeliveryService.Mode.SLOW);
            long start = System.nanoTime();
            var reply = client.send("a@remote.example", "bob@example.test", "Subject: x\r\n\r\nbody");
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(reply.last()).startsWith("451 4.3.0");
            assertThat(millis).isLessThan(5000);
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
    }

    @Test
    void aDeliveryServiceThatComesBackTakesTheRetriedMessage() throws Exception {
        try (var server = new SmtpTestServer(); SmtpClient client = server.connect(Listener.MX)) {
            client.reply();
            client.ehlo();
            server.delivery.mode(FakeDeliveryService.Mode.UNAVAILABLE);
            assertThat(client.send("a@remote.example", "bob@example.test", "Subject: retry\r\n\r\nbody").code()).isEqualTo(451);
            server.delivery.mode(FakeDeliveryService.Mode.ACCEPT);
            assertThat(client.send("a@remote.example", "bob@example.test", "Subject: retry\r\n\r\nbody").code()).isEqualTo(250);
            assertThat(server.delivery.received()).hasSize(1);
        }
    }

    @Test
    void aMessageTheQueueWillNeverTakeIs552_5_3_4() {
        try (var server = new SmtpTestServer(); SmtpClient client = server.connect(Listener.MX)) {
            client.reply();
            client.ehlo();
            server.delivery.mode(FakeDeliveryService.Mode.TOO_LARGE);
            assertThat(client.send("a@remote.example", "bob@example.test", "Subject: x\r\n\r\nbody").last()).startsWith("552 5.3.4");
        }
    }

    @Test
    void streamsALargeMessageFromTheSpoolFileByteForByteAndDeletesTheFile() throws Exception {
        var settings = TestSettings.defaults().spoolMemoryThreshold(DataSize.ofKilobytes(64)).maxMessageSize(DataSize.ofMegabytes(5));
        try (var server = new SmtpTestServer(settings); SmtpClient client = server.connect(Listener.MX)) {
            client.reply();
            client.ehlo();
            StringBuilder body = new StringBuilder("Subject: large\r\n\r\n");
            Random random = new Random(7);
            while (body.length() < 3_000_000) {
                body.append(Long.toString(random.nextLong(), 36)).append(random.nextInt(4) == 0 ? "\r\n" : " ");
            }
            String message = body.append("end").toString();
            assertThat(client.send("a@remote.example", "bob@example.test", message).code()).isEqualTo(250);
            var handedOff = server.delivery.last();
            String text = handedOff.messageText();
            assertThat(text.substring(text.indexOf("Subject: large"))).isEqualTo(message + "\r\n");
            assertThat(Long.parseLong(handedOff.contentLength()))
                    .isEqualTo(handedOff.envelopeJson().length() + 1 + handedOff.message().length);
            assertThat(handedOff.credential()).isEqualTo("test-service-credential");
            assertThat(handedOff.contentType()).isEqualTo("application/vnd.kuvert.envelope+rfc822");
            try (var files = Files.list(server.spoolDirectory())) {
                assertThat(files).isEmpty();
            }
        }
    }
}

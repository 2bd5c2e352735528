package dev.kuvert.smtp.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.contracts.queue.Envelope;
import dev.kuvert.smtp.support.FakeDeliveryService;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class QueueClientTest {
    private final FakeDeliveryService delivery = new FakeDeliveryService();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Envelope envelope = new Envelope("", List.of("bob@example.test"), "192.0.2.1", "client.example", null, "MX");

    QueueClientTest() throws Exception {}

    @AfterEach
    void close() {
        delivery.close();
    }

    private static QueueClient.MessageBody body(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new QueueClient.MessageBody() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private QueueClient client(URI url, Duration timeout) {
        return new QueueClient(url, "credential-x", timeout, json);
    }

    @Test
    void sendsTheEnvelopeLineThenTheMessageAndReturnsTheQueueIdOf201() {
        var result = client(delivery.url(), Duration.ofSeconds(5)).handOff(envelope, body("Subject: x\r\n\r\nbody\r\n"));
        assertThat(result).isEqualTo(new HandOffResult.Queued("Q1"));
        var received = delivery.last();
        assertThat(received.envelopeJson()).isEqualTo("{\"mailFrom\":\"\",\"recipients\":[\"bob@example.test\"],\"clientAddress\":\"192.0.2.1\","
                + "\"helo\":\"client.example\",\"authenticatedAccount\":null,\"port\":\"MX\"}");
        assertThat(received.messageText()).isEqualTo("Subject: x\r\n\r\nbody\r\n");
        assertThat(received.credential()).isEqualTo("credential-x");
        assertThat(received.contentType()).isEqualTo("application/vnd.kuvert.envelope+rfc822");
    }

    @Test
    void writesAnEnvelopeTheContractsRecordReadsBack() {
        byte[] line = client(delivery.url(), Duration.ofSeconds(5)).envelopeLine(envelope);
        String json = new String(line, StandardCharsets.UTF_8);
        assertThat(json).endsWith("\n").doesNotContain("nullSender");
        assertThat(this.json.readValue(json, Envelope.class)).isEqualTo(envelope);
    }

    @Test
    void reports503AsNotQueued() {
        delivery.mode(FakeDeliveryService.Mode.UNAVAILABLE);
        assertThat(client(delivery.url(), Duration.ofSeconds(5)).handOff(envelope, body("x\r\n"))).isInstanceOf(HandOffResult.Failed.class);
    }

    @Test
    void reports413AsRefused() {
        delivery.mode(FakeDeliveryService.Mode.TOO_LARGE);
        assertThat(client(delivery.url(), Duration.ofSeconds(5)).handOff(envelope, body("x\r\n"))).isEqualTo(new HandOffResult.Refused(413));
    }

    @Test
    void givesUpOnASlowDeliveryServiceAfterTheTimeout() {
        delivery.mode(FakeDeliveryService.Mode.SLOW);
        long start = System.nanoTime();
        var result = client(delivery.url(), Duration.ofMillis(500)).handOff(envelope, body("x\r\n"));
        assertThat(result).isInstanceOf(HandOffResult.Failed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void reportsARefusedConnectionAsNotQueued() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var result = client(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2)).handOff(envelope, body("x\r\n"));
        assertThat(result).isInstanceOf(HandOffResult.Failed.class);
    }
}

package dev.kuvert.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.protocol.MicrometerMetricFactory;
import dev.kuvert.smtp.support.SmtpClient;
import dev.kuvert.smtp.support.SmtpTestServer;
import dev.kuvert.smtp.support.TestSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPProtocol;
import org.apache.james.protocols.smtp.SMTPProtocolHandlerChain;
import org.junit.jupiter.api.Test;

class ListenerLifecycleIT {

    @Test
    void aListenerThatCannotBindClosesTheOnesAlreadyOpen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int free;
            try (ServerSocket probe = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                free = probe.getLocalPort();
            }
            var protocol = new SMTPProtocol(new SMTPProtocolHandlerChain(new MicrometerMetricFactory(
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry())), new SMTPConfigurationImpl());
            var listeners = new SmtpListeners(List.of(
                    new SmtpListeners.Binding(Listener.MX, free, protocol, null),
                    new SmtpListeners.Binding(Listener.SUBMISSION, taken.getLocalPort(), protocol, null)),
                    "127.0.0.1", Duration.ofMinutes(1), "mx.kuvert.test");
            assertThatThrownBy(listeners::start).isInstanceOf(IllegalStateException.class);
            assertThat(listeners.isRunning()).isFalse();
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new InetSocketAddress("127.0.0.1", free));
                assertThat(again.isBound()).as("the first port was released").isTrue();
            }
        }
    }

    @Test
    void stoppingClosesOpenConnections() {
        var server = new SmtpTestServer();
        try (SmtpClient client = server.connect(Listener.MX)) {
            client.reply();
            server.close();
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void anIdleClientIsToldSoAndDisconnected() {
        try (var server = new SmtpTestServer(TestSettings.defaults().idleTimeout(Duration.ofMillis(500)));
                SmtpClient client = server.connect(Listener.MX)) {
            client.reply();
            assertThat(client.reply().last()).startsWith("421 4.4.2");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsOverTheLimitPerAddressAreGreetedWith421() throws IOException {
        try (var server = new SmtpTestServer(TestSettings.defaults().maxConnectionsPerIp(3))) {
            List<SmtpClient> open = new ArrayList<>();
            try {
                IntStream.range(0, 3).forEach(i -> {
                    SmtpClient client = server.connect(Listener.MX);
                    assertThat(client.reply().code()).isEqualTo(220);
                    open.add(client);
                });
                try (SmtpClient fourth = server.connect(Listener.MX)) {
                    assertThat(fourth.reply().last()).startsWith("421 4.7.0");
                    assertThat(fourth.closedByServer()).isTrue();
                }
                open.removeFirst().close();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    try (SmtpClient again = server.connect(Listener.MX)) {
                        assertThat(again.reply().code()).isEqualTo(220);
                    }
                });
            } finally {
                open.forEach(SmtpClient::close);
            }
        }
    }

    @Test
    void aClientThatVanishesInTheMiddleOfDataLeavesNoSpoolFile() throws Exception {
        var settings = TestSettings.defaults().spoolMemoryThreshold(org.springframework.util.unit.DataSize.ofKilobytes(1));
        try (var server = new SmtpTestServer(settings)) {
            try (SmtpClient client = server.connect(Listener.MX)) {
                client.reply();
                client.ehlo();
                client.command("MAIL FROM:<a@remote.example>");
                client.command("RCPT TO:<bob@example.test>");
                client.command("DATA");
                client.sendRaw(("x".repeat(100) + "\r\n").repeat(100));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    try (var files = java.nio.file.Files.list(server.spoolDirectory())) {
                        assertThat(files).hasSize(1);
                    }
                });
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                try (var files = java.nio.file.Files.list(server.spoolDirectory())) {
                    assertThat(files).isEmpty();
                }
            });
        }
    }

    @SuppressWarnings("unused")
    private static boolean open(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

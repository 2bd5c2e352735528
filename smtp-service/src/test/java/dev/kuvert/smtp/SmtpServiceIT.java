package dev.kuvert.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.server.Listener;
import dev.kuvert.smtp.server.SmtpListeners;
import dev.kuvert.smtp.support.SmtpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "KUVERT_SECRET=smtp-test-secret-0123456789",
        "KUVERT_DATA_DIR=target/it-data",
        "KUVERT_HOSTNAME=smtp.kuvert.test",
        "kuvert.ports.smtp-mx=0",
        "kuvert.ports.submission=0",
        "kuvert.ports.submissions=0",
        "kuvert.smtp.bind-address=127.0.0.1"})
class SmtpServiceIT {
    @LocalServerPort
    int port;

    @Autowired
    SmtpProperties properties;

    @Autowired
    SmtpListeners listeners;

    @Test
    void shouldReportReadinessAndBindItsConfigurationFromTheEnvironment() throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
        assertThat(properties.mailboxUrl().toString()).isEqualTo("http://127.0.0.1:8082");
        assertThat(properties.hostname()).isNotBlank();
        assertThat(properties.smtp().maxMessageSize().toMegabytes()).isEqualTo(25);
        assertThat(properties.smtp().maxRecipients()).isEqualTo(100);
    }

    @Test
    void opensAllThreeListenersWithTheGeneratedCertificate() {
        assertThat(listeners.isRunning()).isTrue();
        for (Listener listener : Listener.values()) {
            int listenerPort = listeners.port(listener);
            try (SmtpClient client = listener.implicitTls() ? SmtpClient.connectTls(listenerPort) : SmtpClient.connect(listenerPort)) {
                assertThat(client.reply().last()).startsWith("220 smtp.kuvert.test ESMTP");
                assertThat(client.ehlo().code()).isEqualTo(250);
            }
        }
        assertThat(Files.exists(Path.of("target/it-data/tls/cert.pem"))).isTrue();
        assertThat(Files.exists(Path.of("target/it-data/tls/key.pem"))).isTrue();
    }
}

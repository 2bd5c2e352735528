package dev.kuvert.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "KUVERT_SECRET=smtp-test-secret-0123456789")
class SmtpServiceIT {
    @LocalServerPort
    int port;

    @Autowired
    SmtpProperties properties;

    @Test
    void shouldReportReadinessAndBindItsConfigurationFromTheEnvironment() throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
        assertThat(properties.mailboxUrl().toString()).isEqualTo("http://127.0.0.1:8082");
        assertThat(properties.hostname()).isNotBlank();
    }
}

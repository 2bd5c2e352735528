package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.launcher.db.EmbeddedMariaDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "KUVERT_SECRET=delivery-test-secret-0123456789")
class DeliveryServiceIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        registry.add("spring.datasource.url", () -> db.jdbcUrl("kuvert_delivery_it"));
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    @LocalServerPort
    int port;

    @Autowired
    DeliveryProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldMigrateItsSchemaReportReadinessAndParseTheRetrySchedule() throws Exception {
        var response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_log").query(Long.class).single()).isZero();
        assertThat(properties.retrySchedule()).startsWith(Duration.ofMinutes(1), Duration.ofMinutes(5)).endsWith(Duration.ofHours(8));
        assertThat(properties.maxQueueLifetime()).isEqualTo(Duration.ofDays(5));
    }
}

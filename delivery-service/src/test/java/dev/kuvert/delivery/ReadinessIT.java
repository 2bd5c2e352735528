package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.delivery.support.HandOff;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ReadinessIT extends DeliveryServiceTestBase {
    @Autowired
    DeliveryProperties properties;

    @Test
    void shouldMigrateItsSchemaReportReadinessAndBindItsConfiguration() {
        var response = HandOff.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM queue_recipient WHERE state = 'IN_FLIGHT' AND lease_owner IS NULL").query(Long.class).single())
                .isZero();
        assertThat(properties.retrySchedule()).containsExactly(Duration.ofMillis(300), Duration.ofHours(1));
        assertThat(properties.maxQueueLifetime()).isEqualTo(Duration.ofDays(5));
        assertThat(properties.queue().maxMessageSize().toMegabytes()).isEqualTo(32);
        assertThat(properties.queue().lease()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.spoolDir()).isEqualTo(DATA_DIR.resolve("spool"));
    }
}

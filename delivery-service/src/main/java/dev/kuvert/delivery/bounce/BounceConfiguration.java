package dev.kuvert.delivery.bounce;

import dev.kuvert.delivery.DeliveryProperties;
import dev.kuvert.delivery.queue.Intake;
import dev.kuvert.delivery.spool.BlobStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class BounceConfiguration {

    @Bean
    BounceSender bounceSender(DeliveryProperties properties, Intake intake, BlobStore blobs, ObjectMapper json, Clock clock) {
        return new BounceSender(properties.hostname(), intake, blobs, json, clock);
    }
}

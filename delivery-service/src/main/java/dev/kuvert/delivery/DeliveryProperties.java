package dev.kuvert.delivery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * delivery-service configuration, bound from the {@code KUVERT_*} environment (see application.yml).
 *
 * @param retrySchedule waits between delivery attempts; the last one repeats
 * @param maxQueueLifetime age after which a message that could not be delivered is bounced
 */
@ConfigurationProperties(prefix = "kuvert")
public record DeliveryProperties(
        String hostname, Path dataDir, URI mailboxUrl, List<Duration> retrySchedule, Duration maxQueueLifetime) {}

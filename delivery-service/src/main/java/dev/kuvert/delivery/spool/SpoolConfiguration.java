package dev.kuvert.delivery.spool;

import dev.kuvert.delivery.DeliveryProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SpoolConfiguration {
    /** Bodies up to this size are appended to segments; larger ones (rare, and streamed) get a file each. */
    private static final int INLINE_LIMIT = 256 * 1024;

    /** Far below the hour the janitor waits before it deletes a segment nothing refers to (Housekeeping.GRACE). */
    private static final Duration IDLE_ROTATION = Duration.ofMinutes(10);

    @Bean
    BlobStore blobStore(DeliveryProperties properties, Clock clock) {
        return new SegmentedBlobStore(properties.spoolDir(), INLINE_LIMIT, properties.queue().spoolSegmentSize().toBytes(),
                IDLE_ROTATION, clock);
    }
}

package dev.kuvert.delivery.spool;

import dev.kuvert.delivery.DeliveryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SpoolConfiguration {
    /** Bodies up to this size are appended to segments; larger ones (rare, and streamed) get a file each. */
    private static final int INLINE_LIMIT = 256 * 1024;

    @Bean
    BlobStore blobStore(DeliveryProperties properties) {
        return new SegmentedBlobStore(properties.spoolDir(), INLINE_LIMIT, properties.queue().spoolSegmentSize().toBytes());
    }
}

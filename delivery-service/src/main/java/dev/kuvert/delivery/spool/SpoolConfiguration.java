package dev.kuvert.delivery.spool;

import dev.kuvert.delivery.DeliveryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SpoolConfiguration {
    @Bean
    BlobStore blobStore(DeliveryProperties properties) {
        return new FileSystemBlobStore(properties.spoolDir());
    }
}

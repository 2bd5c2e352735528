package dev.kuvert.delivery.transport;

import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.delivery.DeliveryProperties;
import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.support.PlatformSecret;
import dev.kuvert.support.ServiceClients;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class TransportConfiguration {
    private static final Duration DIRECTORY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DIRECTORY_CACHE = Duration.ofSeconds(10);

    @Bean
    RecipientRouter recipientRouter(ServiceClients clients, DeliveryProperties properties, Clock clock) {
        return new RecipientRouter(clients.create(DirectoryInternalClient.class, properties.mailboxUrl().toString(), DIRECTORY_TIMEOUT),
                DIRECTORY_CACHE, clock);
    }

    /** The remote (SMTP) transport arrives with issue 5; until then remote recipients wait in the queue. */
    @Bean
    Transports transports(DeliveryProperties properties, PlatformSecret secret, BlobStore blobs, ObjectMapper json) {
        Transport local = new LocalTransport(
                properties.mailboxUrl(), secret.serviceCredential(), blobs, json, properties.queue().deliveryTimeout());
        return new Transports(local, new RemoteTransportUnavailable());
    }
}

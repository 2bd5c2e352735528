package dev.kuvert.delivery.transport;

import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.delivery.DeliveryProperties;
import dev.kuvert.delivery.dkim.DkimKeys;
import dev.kuvert.delivery.dkim.DkimMessageSigner;
import dev.kuvert.delivery.dns.DnsServers;
import dev.kuvert.delivery.dns.MxResolver;
import dev.kuvert.delivery.queue.IntakeBurst;
import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.transport.smtp.MessageSigner;
import dev.kuvert.delivery.transport.smtp.Smarthost;
import dev.kuvert.delivery.transport.smtp.Smarthosts;
import dev.kuvert.delivery.transport.smtp.SmtpTransport;
import dev.kuvert.support.PlatformSecret;
import dev.kuvert.support.ServiceClients;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class TransportConfiguration {
    private static final Duration DIRECTORY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DIRECTORY_CACHE = Duration.ofSeconds(10);
    private static final Duration DKIM_KEY_CACHE = Duration.ofMinutes(5);
    /** A domain's relay set, changed or removed through the API takes effect after at most this long. */
    private static final Duration SENDER_RELAY_CACHE = Duration.ofMinutes(1);

    @Bean
    DirectoryInternalClient directoryInternalClient(ServiceClients clients, DeliveryProperties properties) {
        return clients.create(DirectoryInternalClient.class, properties.mailboxUrl().toString(), DIRECTORY_TIMEOUT);
    }

    @Bean
    RecipientRouter recipientRouter(DirectoryInternalClient directory, Clock clock) {
        return new RecipientRouter(directory, DIRECTORY_CACHE, clock);
    }

    @Bean
    MxResolver mxResolver(DeliveryProperties properties, Clock clock) {
        DeliveryProperties.Outbound outbound = properties.outbound();
        return new MxResolver(DnsServers.parse(outbound.dnsServers()), outbound.dnsTimeout(), new SecureRandom(), clock);
    }

    /** DKIM (RFC 6376) for mail our users submit, with their domain's key from the directory. */
    @Bean
    MessageSigner dkimSigner(DirectoryInternalClient directory, BlobStore blobs, Clock clock) {
        return new DkimMessageSigner(new DkimKeys(directory, clock, DKIM_KEY_CACHE), blobs, clock);
    }

    /** The sender's domain's own relay, else the global one (KUVERT_RELAY_*), else none; certificates checked alike. */
    @Bean
    Smarthosts smarthosts(DirectoryInternalClient directory, DeliveryProperties properties, Clock clock) {
        DeliveryProperties.Relay global = properties.outbound().relay();
        boolean verifyCertificates = global == null || global.verifyCertificate();
        return new SenderRelays(directory, Smarthost.of(global), verifyCertificates, clock, SENDER_RELAY_CACHE);
    }

    @Bean(destroyMethod = "close")
    SmtpTransport smtpTransport(
            DeliveryProperties properties, MxResolver dns, BlobStore blobs, MessageSigner signer, Smarthosts smarthosts) {
        return new SmtpTransport(properties.hostname(), dns, blobs, signer, smarthosts, properties.outbound());
    }

    @Bean
    Transports transports(DeliveryProperties properties, PlatformSecret secret, BlobStore blobs, ObjectMapper json, SmtpTransport smtp,
            IntakeBurst burst) {
        Transport local = new LocalTransport(
                properties.mailboxUrl(), secret.serviceCredential(), blobs, json, properties.queue().deliveryTimeout(), burst::ongoing);
        return new Transports(local, smtp);
    }
}

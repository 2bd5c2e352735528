package dev.kuvert.smtp;

import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.smtp.directory.CachingDirectory;
import dev.kuvert.smtp.directory.Directory;
import dev.kuvert.smtp.directory.HttpDirectory;
import dev.kuvert.smtp.handoff.QueueClient;
import dev.kuvert.smtp.server.SmtpListeners;
import dev.kuvert.smtp.server.SmtpServers;
import dev.kuvert.smtp.spf.DnsServers;
import dev.kuvert.smtp.spf.CachingSpfChecker;
import dev.kuvert.smtp.spf.JspfChecker;
import dev.kuvert.smtp.spf.SpfChecker;
import dev.kuvert.support.PlatformSecret;
import dev.kuvert.support.ServiceClients;
import dev.kuvert.support.tls.TlsCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the SMTP listeners to mailbox-service, delivery-service, DNS and the TLS identity. */
@Configuration(proxyBeanMethods = false)
class SmtpConfiguration {

    @Bean
    TlsCredentials tlsCredentials(SmtpProperties properties) {
        return TlsCredentials.resolve(properties.tls().cert(), properties.tls().key(),
                properties.dataDir().toAbsolutePath(), properties.hostname());
    }

    @Bean
    Directory directory(ServiceClients clients, SmtpProperties properties) {
        var client = clients.create(DirectoryInternalClient.class, properties.mailboxUrl().toString(),
                properties.smtp().directoryTimeout());
        return new CachingDirectory(new HttpDirectory(client), properties.smtp().recipientCacheTtl(), Clock.systemUTC());
    }

    @Bean
    QueueClient queueClient(SmtpProperties properties, PlatformSecret secret, ObjectProvider<JsonMapper> json) {
        return new QueueClient(properties.deliveryUrl(), secret.serviceCredential(), properties.smtp().handOffTimeout(),
                json.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    SpfChecker spfChecker(SmtpProperties properties) {
        return new CachingSpfChecker(new JspfChecker(DnsServers.parse(properties.dns().servers()), properties.dns().timeout()),
                properties.dns().spfCacheTime(), Clock.systemUTC());
    }

    @Bean
    SmtpListeners smtpListeners(SmtpProperties properties, Directory directory, QueueClient queue, SpfChecker spf,
            TlsCredentials tls, ObjectProvider<MeterRegistry> meters) {
        return SmtpServers.create(properties, directory, queue, spf, tls,
                meters.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }
}

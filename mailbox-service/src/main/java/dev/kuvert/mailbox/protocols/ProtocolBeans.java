package dev.kuvert.mailbox.protocols;

import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.protocol.AuthThrottle;
import dev.kuvert.protocol.MicrometerMetricFactory;
import dev.kuvert.support.tls.TlsCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the IMAP and POP3 servers share: TLS, login throttling, metrics. */
@Configuration(proxyBeanMethods = false)
class ProtocolBeans {
    @Bean
    TlsCredentials tlsMaterial(MailboxProperties properties) {
        return TlsCredentials.resolve(properties.tlsCert(), properties.tlsKey(), properties.dataDir().toAbsolutePath(), properties.hostname());
    }

    @Bean
    AuthThrottle authThrottle() {
        return AuthThrottle.withPlatformDefaults();
    }

    @Bean
    MetricFactory jamesMetrics(MeterRegistry registry) {
        return new MicrometerMetricFactory(registry);
    }
}

package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The outbound settings as the environment gives them when nothing is set (application.yml's empty defaults). */
class OutboundPropertiesTest {

    private static DeliveryProperties.Outbound bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bind("kuvert.outbound", DeliveryProperties.Outbound.class).get();
    }

    @Test
    void unsetDnsServersAndRelayShouldMeanSystemResolversAndDirectDelivery() {
        DeliveryProperties.Outbound outbound = bind(Map.of(
                "kuvert.outbound.dns-servers", "",
                "kuvert.outbound.mx-port", "25",
                "kuvert.outbound.dns-timeout", "5s",
                "kuvert.outbound.relay.host", "",
                "kuvert.outbound.relay.port", "587",
                "kuvert.outbound.relay.implicit-tls", "",
                "kuvert.outbound.relay.verify-certificate", "true"));

        assertThat(outbound.dnsServers()).isEmpty();
        assertThat(outbound.dnsTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(outbound.relay().enabled()).isFalse();
        assertThat(outbound.relay().tlsOnConnect()).isFalse();
    }

    @Test
    void aRelayOnPort465ShouldUseTlsFromTheFirstByteUnlessToldOtherwise() {
        DeliveryProperties.Outbound outbound = bind(Map.of(
                "kuvert.outbound.dns-servers", "127.0.0.1:5353,10.0.0.1",
                "kuvert.outbound.relay.host", "smtp.provider.example",
                "kuvert.outbound.relay.port", "465",
                "kuvert.outbound.relay.user", "apikey"));

        assertThat(outbound.dnsServers()).containsExactly("127.0.0.1:5353", "10.0.0.1");
        assertThat(outbound.relay().enabled()).isTrue();
        assertThat(outbound.relay().authenticates()).isTrue();
        assertThat(outbound.relay().tlsOnConnect()).isTrue();
        assertThat(new DeliveryProperties.Relay("h", 465, null, null, false, true).tlsOnConnect()).isFalse();
        assertThat(new DeliveryProperties.Relay("h", 2525, null, null, true, true).tlsOnConnect()).isTrue();
    }
}

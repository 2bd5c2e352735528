package dev.kuvert.smtp.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsServersTest {
    @Test
    void readsHostsPortsAndBracketedIpv6() {
        assertThat(DnsServers.parse(List.of("127.0.0.1:5353, 192.0.2.53", "[::1]:5300")))
                .containsExactly(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("192.0.2.53", 53),
                        new InetSocketAddress("::1", 5300));
    }

    @Test
    void meansTheSystemResolversWhenEmpty() {
        assertThat(DnsServers.parse(List.of())).isEmpty();
        assertThat(DnsServers.parse(List.of(" "))).isEmpty();
    }

    @Test
    void refusesABadPort() {
        assertThatThrownBy(() -> DnsServers.parse(List.of("127.0.0.1:dns"))).hasMessageContaining("KUVERT_DNS_SERVERS");
    }
}

package dev.kuvert.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.delivery.dns.MxResolver.HostAddresses;
import dev.kuvert.delivery.dns.MxResolver.MailRoute;
import dev.kuvert.delivery.support.TestDns;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** MX routing (RFC 5321 §5.1, RFC 7505) against a DNS server on loopback. */
class MxResolverTest {
    static final TestDns DNS = new TestDns();
    final MxResolver resolver = new MxResolver(DnsServers.parse(List.of(DNS.server())), Duration.ofSeconds(2), new Random(7));

    final MutableClock clock = new MutableClock();
    final MxResolver caching = new MxResolver(DnsServers.parse(List.of(DNS.server())), Duration.ofSeconds(2), new Random(7), clock);

    @AfterAll
    static void stop() {
        DNS.close();
    }

    static String domain() {
        return "m" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    @Test
    void anAnswerShouldBeReusedForItsTtlAndAskedForAgainAfter() {
        String d = domain();
        DNS.mx(d, 10, "a." + d); // TTL 60 s

        assertThat(caching.route(d)).isEqualTo(new MailRoute.Exchangers(List.of("a." + d), false));
        clock.advance(Duration.ofSeconds(59));
        assertThat(caching.route(d)).isEqualTo(new MailRoute.Exchangers(List.of("a." + d), false));
        assertThat(DNS.questionsAbout(d)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        caching.route(d);
        assertThat(DNS.questionsAbout(d)).isEqualTo(2);
    }

    @Test
    void aFailureShouldNotBeKept() {
        String d = domain(); // unknown to the server: SERVFAIL

        assertThat(caching.route(d)).isInstanceOf(MailRoute.TemporaryFailure.class);
        assertThat(caching.route(d)).isInstanceOf(MailRoute.TemporaryFailure.class);
        assertThat(DNS.questionsAbout(d)).isEqualTo(2);
    }

    @Test
    void namesShouldBeKeptWhateverTheirCase() {
        String d = domain();
        DNS.mx(d, 10, "a." + d);

        caching.route(d);
        caching.route(d.toUpperCase(java.util.Locale.ROOT));
        assertThat(DNS.questionsAbout(d)).isEqualTo(1);
    }

    static final class MutableClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-11-27T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void exchangersShouldComeInPreferenceOrder() {
        String d = domain();
        DNS.mx(d, 30, "c." + d).mx(d, 10, "a." + d).mx(d, 20, "b." + d);

        assertThat(resolver.route(d)).isEqualTo(new MailRoute.Exchangers(List.of("a." + d, "b." + d, "c." + d), false));
    }

    @Test
    void exchangersOfEqualPreferenceShouldBeShuffledButStayBehindBetterOnes() {
        String d = domain();
        DNS.mx(d, 10, "x." + d).mx(d, 10, "y." + d).mx(d, 10, "z." + d).mx(d, 5, "first." + d).mx(d, 50, "last." + d);
        Set<List<String>> orders = new HashSet<>();

        for (int i = 0; i < 40; i++) {
            List<String> hosts = ((MailRoute.Exchangers) resolver.route(d)).hosts();
            assertThat(hosts.getFirst()).isEqualTo("first." + d);
            assertThat(hosts.getLast()).isEqualTo("last." + d);
            assertThat(hosts.subList(1, 4)).containsExactlyInAnyOrder("x." + d, "y." + d, "z." + d);
            orders.add(hosts);
        }

        assertThat(orders).hasSizeGreaterThan(1);
    }

    @Test
    void aDomainWithoutMxButWithAnAddressShouldBeItsOwnExchanger() {
        String d = domain();
        DNS.a(d, "192.0.2.7");

        assertThat(resolver.route(d)).isEqualTo(new MailRoute.Exchangers(List.of(d), true));
    }

    @Test
    void aDomainWithNeitherMxNorAddressShouldBeUnroutable() {
        String d = domain();
        DNS.exists(d);

        assertThat(resolver.route(d)).isInstanceOf(MailRoute.NoSuchDomain.class);
    }

    @Test
    void aNullMxShouldMeanNoMail() {
        String d = domain();
        DNS.nullMx(d).a(d, "192.0.2.8");

        assertThat(resolver.route(d)).isEqualTo(new MailRoute.NullMx());
    }

    @Test
    void aMissingDomainShouldBePermanentAndAServerFailureTemporary() {
        String missing = domain();
        DNS.nxdomain(missing);

        assertThat(resolver.route(missing)).isInstanceOf(MailRoute.NoSuchDomain.class);
        assertThat(resolver.route(domain())).isInstanceOf(MailRoute.TemporaryFailure.class);
    }

    @Test
    void addressesShouldBeIpv4FirstThenIpv6() throws Exception {
        String host = "mx." + domain();
        DNS.a(host, "2001:db8::1").a(host, "192.0.2.1");

        assertThat(resolver.addresses(host)).isEqualTo(new HostAddresses.Found(
                List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1"))));
    }

    @Test
    void anAnswerTooLargeForUdpShouldBeFetchedOverTcp() {
        String d = domain();
        for (int i = 0; i < 40; i++) {
            DNS.mx(d, i, "a-rather-long-mail-exchanger-name-number-" + i + "." + d);
        }
        int before = DNS.tcpQueries();

        List<String> hosts = ((MailRoute.Exchangers) resolver.route(d)).hosts();

        assertThat(hosts).hasSize(40).startsWith("a-rather-long-mail-exchanger-name-number-0." + d);
        assertThat(DNS.tcpQueries()).isGreaterThan(before);
    }

    @Test
    void dnsServersShouldBeReadWithOrWithoutPort() {
        assertThat(DnsServers.parse(List.of("127.0.0.1:5353, [::1]:54,10.0.0.1")))
                .extracting(a -> a.getHostString() + "/" + a.getPort())
                .containsExactly("127.0.0.1/5353", "0:0:0:0:0:0:0:1/54", "10.0.0.1/53");
        assertThat(DnsServers.parse(List.of(""))).isEmpty();
        assertThatThrownBy(() -> DnsServers.parse(List.of("127.0.0.1:dns"))).hasMessageContaining("KUVERT_DNS_SERVERS");
    }
}

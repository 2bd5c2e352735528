package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ReceivedHeaderTest {
    private final ReceivedHeader header = new ReceivedHeader("mx.kuvert.test", Clock.systemUTC());
    private final ZonedDateTime when = ZonedDateTime.of(2026, 11, 26, 9, 5, 3, 0, ZoneOffset.UTC);

    @Test
    void namesTheProtocolPerRfc3848() {
        assertThat(ReceivedHeader.protocol(false, false, false)).isEqualTo("SMTP");
        assertThat(ReceivedHeader.protocol(true, false, false)).isEqualTo("ESMTP");
        assertThat(ReceivedHeader.protocol(true, true, false)).isEqualTo("ESMTPS");
        assertThat(ReceivedHeader.protocol(true, false, true)).isEqualTo("ESMTPA");
        assertThat(ReceivedHeader.protocol(true, true, true)).isEqualTo("ESMTPSA");
    }

    @Test
    void recordsTlsAndTheAuthenticatedUserWhenThereAreAny() throws Exception {
        String value = header.format("client.example", InetAddress.getByName("192.0.2.7"), "TLSv1.3", "TLS_AES_128_GCM_SHA256",
                "alice@example.test", true, "abc123", "bob@example.test", when);
        assertThat(value).isEqualTo("from client.example ([192.0.2.7])\r\n\t(using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256)"
                + "\r\n\t(authenticated as alice@example.test)\r\n\tby mx.kuvert.test (Kuvert) with ESMTPSA id abc123"
                + "\r\n\tfor <bob@example.test>;\r\n\tThu, 26 Nov 2026 09:05:03 +0000");
    }

    @Test
    void namesNoRecipientWhenThereAreSeveralAndWritesIpv6AsAddressLiteral() throws Exception {
        String value = header.format("client.example", InetAddress.getByName("2001:db8::1"), null, null, null, true, "id",
                null, when);
        assertThat(value).isEqualTo("from client.example ([IPv6:2001:db8:0:0:0:0:0:1])\r\n\tby mx.kuvert.test (Kuvert) with ESMTP id id"
                + ";\r\n\tThu, 26 Nov 2026 09:05:03 +0000");
    }
}

package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.spf.SpfVerdict;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ReceivedSpfHeaderTest {
    private final ReceivedSpfHeader header = new ReceivedSpfHeader((client, from, helo) -> new SpfVerdict("fail"), "mx.kuvert.test");

    @Test
    void recordsTheResultWithItsKeyValuePairs() throws Exception {
        String value = header.format(new SpfVerdict("fail"), InetAddress.getByName("192.0.2.7"), "a@example.org", "mail.example.org");
        assertThat(value).isEqualTo("fail (mx.kuvert.test: domain of a@example.org does not designate 192.0.2.7 as permitted sender)"
                + "\r\n\tclient-ip=192.0.2.7; envelope-from=\"a@example.org\"; helo=\"mail.example.org\"; receiver=mx.kuvert.test;");
    }

    @Test
    void checksTheHeloIdentityForTheNullSender() throws Exception {
        String value = header.format(new SpfVerdict("none"), InetAddress.getByName("192.0.2.7"), "", "mail.example.org");
        assertThat(value).startsWith("none (mx.kuvert.test: domain of postmaster@mail.example.org")
                .contains("envelope-from=\"\"");
    }

    @Test
    void neutralisesClientChosenTextThatCouldBreakTheField() throws Exception {
        String value = header.format(new SpfVerdict("pass"), InetAddress.getByName("192.0.2.7"), "a@example.org", "evil\"; x=(y)");
        assertThat(value).contains("helo=\"evil???x=?y?\"");
    }
}

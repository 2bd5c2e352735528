package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.support.TestSessions;
import org.apache.james.protocols.api.BaseRequest;
import org.junit.jupiter.api.Test;

class AuthRequiresTlsTest {
    private final AuthRequiresTls handler = new AuthRequiresTls();

    @Test
    void refusesAuthWithoutTlsWith530_5_7_0() {
        var reply = handler.onCommand(TestSessions.plain("192.0.2.1"), new BaseRequest("AUTH", "PLAIN"));
        assertThat(reply.getRetCode()).isEqualTo("530");
        assertThat(reply.getLines().getFirst().toString()).startsWith("530 5.7.0");
    }

    @Test
    void stepsAsideUnderTls() {
        assertThat(handler.onCommand(TestSessions.tls("192.0.2.1"), new BaseRequest("AUTH", "PLAIN"))).isNull();
    }
}

package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.support.TestSessions;
import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {
    @Test
    void refusesTheConnectionOverThePerAddressLimitWith421AndCountsItsEnd() {
        ConnectionLimits limits = new ConnectionLimits(100, 2);
        SMTPSession first = TestSessions.plain("192.0.2.1");
        SMTPSession second = TestSessions.plain("192.0.2.1");
        SMTPSession third = TestSessions.plain("192.0.2.1");
        assertThat(limits.onConnect(first)).isNull();
        assertThat(limits.onConnect(second)).isNull();
        var refused = limits.onConnect(third);
        assertThat(refused.getRetCode()).isEqualTo("421");
        assertThat(refused.isEndSession()).isTrue();
        assertThat(ConnectionLimits.isRefused(third)).isTrue();
        assertThat(limits.onConnect(TestSessions.plain("192.0.2.2"))).as("another address").isNull();

        limits.onDisconnect(third);
        limits.onDisconnect(first);
        assertThat(limits.openFrom("192.0.2.1")).isEqualTo(1);
        limits.onDisconnect(first);
        assertThat(limits.openFrom("192.0.2.1")).as("a second disconnect of one session counts once").isEqualTo(1);
    }

    @Test
    void refusesConnectionsOverTheTotalLimit() {
        ConnectionLimits limits = new ConnectionLimits(1, 10);
        assertThat(limits.onConnect(TestSessions.plain("192.0.2.1"))).isNull();
        assertThat(limits.onConnect(TestSessions.plain("192.0.2.2")).getRetCode()).isEqualTo("421");
        assertThat(limits.open()).isEqualTo(2);
    }
}

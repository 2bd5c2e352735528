package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.support.TestSessions;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;

class MessageSizeLimitTest {
    private final MessageSizeLimit limit = new MessageSizeLimit(1000);

    @Test
    void advertisesTheLimitInEhlo() {
        assertThat(limit.getImplementedEsmtpFeatures(TestSessions.plain("192.0.2.1"))).containsExactly("SIZE 1000");
    }

    @Test
    void acceptsADeclaredSizeUpToTheLimit() {
        assertThat(limit.doMailParameter(TestSessions.plain("192.0.2.1"), "SIZE", "1000")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void refusesALargerDeclaredSizeWith552_5_3_4EvenBeyondInt() {
        assertThat(limit.doMailParameter(TestSessions.plain("192.0.2.1"), "SIZE", "1001")).isEqualTo(MessageSizeLimit.TOO_BIG);
        assertThat(limit.doMailParameter(TestSessions.plain("192.0.2.1"), "SIZE", "99999999999")).isEqualTo(MessageSizeLimit.TOO_BIG);
    }

    @Test
    void refusesAMalformedSizeWith501() {
        assertThat(limit.doMailParameter(TestSessions.plain("192.0.2.1"), "SIZE", "ten").getSmtpRetCode()).isEqualTo("501");
        assertThat(limit.doMailParameter(TestSessions.plain("192.0.2.1"), "SIZE", "-1").getSmtpRetCode()).isEqualTo("501");
    }
}

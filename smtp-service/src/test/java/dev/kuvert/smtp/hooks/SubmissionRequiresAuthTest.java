package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.support.TestSessions;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;

class SubmissionRequiresAuthTest {
    @Test
    void refusesMailFromAnUnauthenticatedSessionWith530_5_7_0() {
        var result = new SubmissionRequiresAuth().doMail(TestSessions.tls("192.0.2.1"), MaybeSender.nullSender());
        assertThat(result.getSmtpRetCode()).isEqualTo("530");
        assertThat(result.getSmtpDescription()).startsWith("5.7.0");
    }

    @Test
    void letsAnAuthenticatedSessionThrough() {
        var session = TestSessions.tls("192.0.2.1");
        session.setUsername(Username.of("alice@example.test"));
        assertThat(new SubmissionRequiresAuth().doMail(session, MaybeSender.nullSender())).isEqualTo(HookResult.DECLINED);
    }
}

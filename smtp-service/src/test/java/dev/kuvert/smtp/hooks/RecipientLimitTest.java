package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.smtp.support.TestSessions;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;

class RecipientLimitTest {
    @Test
    void passesUpToTheLimitAndAnswers452_4_5_3Beyond() throws Exception {
        RecipientLimit limit = new RecipientLimit(2);
        SMTPSession session = TestSessions.plain("192.0.2.1");
        MailAddress rcpt = new MailAddress("bob@example.test");
        List<MailAddress> accepted = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            assertThat(limit.doRcpt(session, MaybeSender.nullSender(), rcpt)).isEqualTo(HookResult.DECLINED);
            accepted.add(rcpt);
            session.setAttachment(SMTPSession.RCPT_LIST, accepted, State.Transaction);
        }
        HookResult third = limit.doRcpt(session, MaybeSender.nullSender(), rcpt);
        assertThat(third.getSmtpRetCode()).isEqualTo("452");
        assertThat(third.getSmtpDescription()).startsWith("4.5.3");
    }
}

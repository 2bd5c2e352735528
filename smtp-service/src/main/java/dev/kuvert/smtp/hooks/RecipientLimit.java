package dev.kuvert.smtp.hooks;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.RcptHook;

/** At most {@code max} recipients per message (RFC 5321 §4.5.3.1.8 asks for at least 100); more are {@code 452 4.5.3}. */
public final class RecipientLimit implements RcptHook {
    static final HookResult TOO_MANY = Replies.denySoft("452", "4.5.3 Too many recipients");
    private final int max;

    public RecipientLimit(int max) {
        this.max = max;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return session.getRcptCount() >= max ? TOO_MANY : HookResult.DECLINED;
    }
}

package dev.kuvert.smtp.hooks;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;

/** On the submission ports a transaction starts only after AUTH (RFC 6409 §4.3). */
public final class SubmissionRequiresAuth implements MailHook {
    static final HookResult AUTH_REQUIRED = Replies.deny("530", "5.7.0 Authentication required");

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return session.getUsername() == null ? AUTH_REQUIRED : HookResult.DECLINED;
    }
}

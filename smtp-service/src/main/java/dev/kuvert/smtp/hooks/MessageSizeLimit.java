package dev.kuvert.smtp.hooks;

import java.util.List;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.EhloExtension;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailParametersHook;

/**
 * The SIZE extension (RFC 1870): advertised in EHLO, and a {@code MAIL ... SIZE=n} over the limit is
 * {@code 552 5.3.4}. The data itself is measured by the message receiver, which answers the same.
 * Replaces James's {@code MailSizeEsmtpExtension}, whose end-of-data reply has no enhanced status code
 * and which lets the message hooks run on the truncated message.
 */
public final class MessageSizeLimit implements MailParametersHook, EhloExtension {
    static final HookResult TOO_BIG = Replies.deny("552", "5.3.4 Message size exceeds fixed maximum message size");
    static final HookResult BAD_SIZE = Replies.deny("501", "5.5.4 Syntax error in SIZE parameter");
    private final long maxMessageSize;

    public MessageSizeLimit(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public List<String> getImplementedEsmtpFeatures(SMTPSession session) {
        return List.of("SIZE " + maxMessageSize);
    }

    @Override
    public HookResult doMailParameter(SMTPSession session, String paramName, String paramValue) {
        long declared;
        try {
            declared = Long.parseLong(paramValue.strip());
        } catch (NumberFormatException e) {
            return BAD_SIZE;
        }
        if (declared < 0) {
            return BAD_SIZE;
        }
        return declared > maxMessageSize ? TOO_BIG : HookResult.DECLINED;
    }

    @Override
    public String[] getMailParamNames() {
        return new String[] {"SIZE"};
    }
}

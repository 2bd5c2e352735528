package dev.kuvert.smtp.hooks;

import dev.kuvert.smtp.message.HeaderValues;
import dev.kuvert.smtp.message.IncomingMessage;
import dev.kuvert.smtp.spf.SpfChecker;
import dev.kuvert.smtp.spf.SpfVerdict;
import java.net.InetAddress;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;

/**
 * On MX, checks the sender's SPF policy and records it in {@code Received-SPF} (RFC 7208 §9.1). It only
 * records: no result, {@code fail} included, refuses a message (yet).
 */
public final class ReceivedSpfHeader implements MessageHook {
    private final SpfChecker checker;
    private final String hostname;

    public ReceivedSpfHeader(SpfChecker checker, String hostname) {
        this.checker = checker;
        this.hostname = hostname;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        if (mail instanceof IncomingMessage message) {
            InetAddress client = session.getRemoteAddress().getAddress();
            String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("");
            String sender = mail.getMaybeSender().isNullSender() ? "" : mail.getMaybeSender().asString();
            SpfVerdict verdict = checker.check(client, sender, helo);
            message.addTraceField("Received-SPF", format(verdict, client, sender, helo));
        }
        return HookResult.DECLINED;
    }

    String format(SpfVerdict verdict, InetAddress client, String sender, String helo) {
        String ip = client.getHostAddress();
        String identity = sender.isEmpty() ? "postmaster@" + HeaderValues.clientText(helo) : HeaderValues.clientText(sender);
        String comment = switch (verdict.result()) {
            case "pass" -> "domain of " + identity + " designates " + ip + " as permitted sender";
            case "fail" -> "domain of " + identity + " does not designate " + ip + " as permitted sender";
            case "softfail" -> "domain of transitioning " + identity + " does not designate " + ip + " as permitted sender";
            case "neutral" -> ip + " is neither permitted nor denied by domain of " + identity;
            case "none" -> "domain of " + identity + " does not designate permitted sender hosts";
            case "temperror" -> "error in processing during lookup of " + identity;
            default -> "domain of " + identity + " has an invalid SPF record";
        };
        return verdict.result() + " (" + hostname + ": " + comment + ")\r\n\tclient-ip=" + ip
                + "; envelope-from=\"" + (sender.isEmpty() ? "" : HeaderValues.clientText(sender)) + "\"; helo=\"" + HeaderValues.clientText(helo)
                + "\"; receiver=" + hostname + ";";
    }
}

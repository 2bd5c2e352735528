package dev.kuvert.smtp.hooks;

import dev.kuvert.smtp.message.HeaderValues;
import dev.kuvert.smtp.message.IncomingMessage;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;

/**
 * Adds the {@code Received:} trace field (RFC 5321 §4.4) on top of the message, with the protocol
 * keyword of RFC 3848 ({@code SMTP}, {@code ESMTP}, {@code ESMTPS}, {@code ESMTPA}, {@code ESMTPSA}),
 * the TLS version and cipher when TLS is on, and the authenticated user when there is one. The client is
 * named by its HELO name and address literal only (no reverse DNS lookup).
 */
public final class ReceivedHeader implements MessageHook {
    private final String hostname;
    private final Clock clock;

    public ReceivedHeader(String hostname, Clock clock) {
        this.hostname = hostname;
        this.clock = clock;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        if (mail instanceof IncomingMessage message) {
            message.addTraceField("Received", value(session, mail.getRecipients()));
        }
        return HookResult.DECLINED;
    }

    String value(SMTPSession session, List<MailAddress> recipients) {
        boolean ehlo = "EHLO".equals(session.getAttachment(SMTPSession.CURRENT_HELO_MODE, State.Connection).orElse(null));
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse(null);
        InetAddress client = session.getRemoteAddress().getAddress();
        Optional<SSLSession> tls = session.isTLSStarted() ? session.getSSLSession() : Optional.empty();
        String user = session.getUsername() == null ? null : session.getUsername().asString();
        return format(HeaderValues.clientText(helo), client, tls.map(SSLSession::getProtocol).orElse(null),
                tls.map(SSLSession::getCipherSuite).orElse(null), user, ehlo, session.getSessionID(),
                recipients.size() == 1 ? recipients.getFirst().asString() : null, ZonedDateTime.now(clock));
    }

    String format(String helo, InetAddress client, String tlsVersion, String cipher, String user, boolean ehlo,
            String id, String singleRecipient, ZonedDateTime when) {
        StringBuilder value = new StringBuilder("from ").append(helo).append(" (").append(HeaderValues.addressLiteral(client)).append(')');
        if (tlsVersion != null) {
            value.append("\r\n\t(using ").append(tlsVersion).append(" with cipher ").append(cipher).append(')');
        }
        if (user != null) {
            value.append("\r\n\t(authenticated as ").append(HeaderValues.clientText(user)).append(')');
        }
        value.append("\r\n\tby ").append(hostname).append(" (Kuvert) with ").append(protocol(ehlo, tlsVersion != null, user != null));
        value.append(" id ").append(HeaderValues.clientText(id));
        if (singleRecipient != null) {
            value.append("\r\n\tfor <").append(HeaderValues.clientText(singleRecipient)).append('>');
        }
        return value.append(";\r\n\t").append(HeaderValues.dateTime(when)).toString();
    }

    /** RFC 3848 §2 / RFC 8314: ESMTP plus S for TLS and A for authentication; plain SMTP after HELO. */
    static String protocol(boolean ehlo, boolean tls, boolean authenticated) {
        if (!ehlo) {
            return "SMTP";
        }
        return "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : "");
    }
}

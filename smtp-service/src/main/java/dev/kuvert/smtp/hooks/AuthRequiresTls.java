package dev.kuvert.smtp.hooks;

import java.util.List;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Runs before James's AUTH handler: no password crosses the wire in clear, so AUTH before TLS is
 * {@code 530 5.7.0} (RFC 3207 §4). Under TLS it steps aside.
 */
public final class AuthRequiresTls implements CommandHandler<SMTPSession> {
    static final Response TLS_FIRST = new SMTPResponse("530", "5.7.0 Must issue a STARTTLS command first").immutable();

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        return session.isTLSStarted() ? null : TLS_FIRST;
    }

    @Override
    public List<String> getImplCommands() {
        return List.of("AUTH");
    }
}

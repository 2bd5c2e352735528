package dev.kuvert.smtp.hooks;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/** The {@code 220} banner, unless {@link ConnectionLimits} already turned the connection away. */
public final class Greeting implements ConnectHandler<SMTPSession> {
    @Override
    public Response onConnect(SMTPSession session) {
        if (ConnectionLimits.isRefused(session)) {
            return null;
        }
        return new SMTPResponse("220", session.getConfiguration().getHelloName() + " ESMTP Kuvert ready");
    }
}

package dev.kuvert.mailbox.pop3;

import java.util.Collection;
import java.util.Set;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.RsetCmdHandler;

/** PASS after USER (RFC 1939), through {@link Pop3Login}. */
class PassCmdHandler extends RsetCmdHandler {
    private final Pop3Login login;

    PassCmdHandler(MetricFactory metrics, Pop3Login login) {
        super(metrics);
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() != POP3Session.AUTHENTICATION_USERSET || request.getArgument() == null) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return Pop3Login.AUTH_FAILED;
        }
        Response refused = login.login(session, session.getUsername().asString(), request.getArgument());
        if (refused != null) {
            return refused;
        }
        stat(session);
        return new POP3Response(POP3Response.OK_RESPONSE, "Logged in.");
    }

    @Override
    public Collection<String> getImplCommands() {
        return Set.of("PASS");
    }
}

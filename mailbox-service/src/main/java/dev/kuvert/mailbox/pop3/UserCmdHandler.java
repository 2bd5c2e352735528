package dev.kuvert.mailbox.pop3;

import java.util.Collection;
import java.util.Set;
import org.apache.james.core.Username;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPOP3CommandHandler;
import org.apache.james.protocols.pop3.core.CapaCapability;

/** USER (RFC 1939), refused before TLS so that no password is ever sent in clear. */
class UserCmdHandler extends AbstractPOP3CommandHandler implements CapaCapability {
    private static final int MAX_USERNAME = 320;

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (!session.isTLSStarted()) {
            return Pop3Login.TLS_REQUIRED;
        }
        String name = request.getArgument();
        if (session.getHandlerState() != POP3Session.AUTHENTICATION_READY || name == null || name.isBlank() || name.length() > MAX_USERNAME) {
            return POP3Response.ERR;
        }
        session.setUsername(Username.of(name.strip()));
        session.setHandlerState(POP3Session.AUTHENTICATION_USERSET);
        return POP3Response.OK;
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return session.isTLSStarted() ? Set.of("USER") : Set.of();
    }

    @Override
    public Collection<String> getImplCommands() {
        return Set.of("USER");
    }
}

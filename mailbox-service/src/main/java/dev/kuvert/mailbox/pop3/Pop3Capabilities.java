package dev.kuvert.mailbox.pop3;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * What CAPA announces beyond what individual command handlers announce themselves (RFC 2449, RFC 3206);
 * James's TOP and UIDL handlers announce themselves only once logged in, so they are named here before.
 */
class Pop3Capabilities implements CapaCapability, ProtocolHandler {
    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        Set<String> capabilities = new LinkedHashSet<>();
        if (session.getHandlerState() != POP3Session.TRANSACTION) {
            capabilities.add("TOP");
            capabilities.add("UIDL");
        }
        capabilities.add("RESP-CODES");
        capabilities.add("AUTH-RESP-CODE");
        capabilities.add("EXPIRE NEVER");
        capabilities.add("IMPLEMENTATION Kuvert");
        return capabilities;
    }

}

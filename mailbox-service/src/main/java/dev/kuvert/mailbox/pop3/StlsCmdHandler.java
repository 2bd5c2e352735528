package dev.kuvert.mailbox.pop3;

import java.util.Set;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.pop3.POP3Session;

/** James's STLS, announced in CAPA only while the connection is still in clear (James announces it after TLS too). */
class StlsCmdHandler extends org.apache.james.protocols.pop3.core.StlsCmdHandler {
    StlsCmdHandler(MetricFactory metrics) {
        super(metrics);
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return session.isTLSStarted() ? Set.of() : super.getImplementedCapabilities(session);
    }
}

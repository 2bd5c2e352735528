package dev.kuvert.smtp.message;

import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataCmdHandler;

/**
 * James's DATA command, with the message spooled instead of kept in a heap buffer
 * ({@code MailEnvelopeImpl}) and the session marked as receiving data until the final dot.
 */
public final class MessageDataCmdHandler extends DataCmdHandler {
    private final SpoolDirectory spools;
    private final long maxMessageSize;

    public MessageDataCmdHandler(MetricFactory metricFactory, SpoolDirectory spools, long maxMessageSize) {
        super(metricFactory);
        this.spools = spools;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected Response doDATA(SMTPSession session, String argument) {
        Response ready = super.doDATA(session, argument);
        DataMode.enter(session);
        return ready;
    }

    @Override
    protected MailEnvelope createEnvelope(MaybeSender sender, List<MailAddress> recipients) {
        return new IncomingMessage(sender, recipients, spools.newSpool(), maxMessageSize);
    }
}

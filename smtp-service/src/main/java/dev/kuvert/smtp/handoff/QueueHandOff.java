package dev.kuvert.smtp.handoff;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.contracts.queue.Envelope;
import dev.kuvert.smtp.auth.SessionAccount;
import dev.kuvert.smtp.hooks.Replies;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last message hook: hands the message to delivery-service and answers {@code 250 2.0.0} only once it
 * is durably queued. Anything else is {@code 451 4.3.0}, so that the client keeps the message; a message
 * delivery-service will never take (413) is {@code 552 5.3.4}.
 */
public final class QueueHandOff implements MessageHook {
    static final HookResult NOT_QUEUED = Replies.denySoft("451", "4.3.0 Requested action aborted: queue unavailable, try again later");
    static final HookResult TOO_BIG = Replies.deny("552", "5.3.4 Message too big for the queue");
    private static final Logger log = LoggerFactory.getLogger(QueueHandOff.class);
    private final QueueClient queue;
    private final String port;

    /** @param port the listener name the envelope records: MX, SUBMISSION or SUBMISSIONS */
    public QueueHandOff(QueueClient queue, String port) {
        this.queue = queue;
        this.port = port;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        Envelope envelope = envelope(session, mail);
        HandOffResult result = queue.handOff(envelope, new QueueClient.MessageBody() {
            @Override
            public long length() {
                return mail.getSize();
            }

            @Override
            public InputStream open() throws IOException {
                return mail.getMessageInputStream();
            }
        });
        return switch (result) {
            case HandOffResult.Queued queued -> Replies.ok("250", "2.0.0 Ok: queued as " + queued.queueId());
            case HandOffResult.Refused refused -> TOO_BIG;
            case HandOffResult.Failed failed -> {
                log.warn("Hand-off to delivery-service failed: {}", failed.reason());
                yield NOT_QUEUED;
            }
        };
    }

    Envelope envelope(SMTPSession session, MailEnvelope mail) {
        String mailFrom = mail.getMaybeSender().isNullSender() ? "" : canonicalOrAsGiven(mail.getMaybeSender().asString());
        Set<String> recipients = new LinkedHashSet<>();
        mail.getRecipients().forEach(recipient -> recipients.add(canonicalOrAsGiven(recipient.asString())));
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("");
        String account = SessionAccount.of(session).map(AuthenticatedAccount::address).orElse(null);
        return new Envelope(mailFrom, List.copyOf(recipients), session.getRemoteAddress().getAddress().getHostAddress(),
                helo, account, port);
    }

    private static String canonicalOrAsGiven(String address) {
        try {
            return MailAddress.parse(address).toString();
        } catch (IllegalArgumentException e) {
            return address;
        }
    }
}

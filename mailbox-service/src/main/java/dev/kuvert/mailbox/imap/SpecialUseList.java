package dev.kuvert.mailbox.imap;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.processor.ListProcessor;
import org.apache.james.imap.processor.StatusProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

/**
 * LIST that always carries RFC 6154 special-use attributes, as RFC 6154 §1 recommends, not only when
 * the client asks with {@code RETURN (SPECIAL-USE)}: clients that only send a plain LIST find their
 * Sent and Trash folders too.
 */
final class SpecialUseList extends ListProcessor<ListRequest> {
    private final MailboxTyper typer;
    private final StatusProcessor status;

    private SpecialUseList(MailboxManager mailboxes, StatusResponseFactory responses, MetricFactory metrics, SubscriptionManager subscriptions,
            StatusProcessor status, MailboxTyper typer) {
        super(mailboxes, responses, metrics, subscriptions, status, typer);
        this.typer = typer;
        this.status = status;
    }

    static SpecialUseList create(MailboxManager mailboxes, StatusResponseFactory responses, MetricFactory metrics,
            SubscriptionManager subscriptions, MailboxTyper typer) {
        return new SpecialUseList(mailboxes, responses, metrics, subscriptions, new StatusProcessor(mailboxes, responses, metrics), typer);
    }

    @Override
    protected MailboxType getMailboxType(ListRequest request, ImapSession session, MailboxPath path) {
        return typer.getMailboxType(session, path);
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        super.configure(configuration);
        status.configure(configuration);
    }
}

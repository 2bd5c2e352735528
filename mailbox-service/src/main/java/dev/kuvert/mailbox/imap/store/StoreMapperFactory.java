package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.store.BlobStore;
import dev.kuvert.mailbox.store.Quotas;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.user.SubscriptionMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * James's mappers over Kuvert's message store. The mappers hold no state of their own (every call
 * is its own short transaction), so one instance of each serves all sessions.
 */
public class StoreMapperFactory extends MailboxSessionMapperFactory {
    private final JdbcMailboxMapper mailboxMapper;
    private final JdbcMessageMapper messageMapper;
    private final JdbcMessageIdMapper messageIdMapper;
    private final JdbcSubscriptionMapper subscriptionMapper;
    private final JdbcAnnotationMapper annotationMapper;
    private final JdbcUidProvider uidProvider;
    private final JdbcModSeqProvider modSeqProvider;
    private final MessageRows rows;

    public StoreMapperFactory(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transaction, Quotas quotas, BlobStore blobs,
            long maxMessageBytes) {
        this.rows = new MessageRows(jdbc, template, quotas);
        Transactions transactions = new Transactions(transaction);
        this.mailboxMapper = new JdbcMailboxMapper(jdbc, transaction, rows);
        this.messageMapper = new JdbcMessageMapper(rows, transactions, blobs, maxMessageBytes);
        this.messageIdMapper = new JdbcMessageIdMapper(rows, messageMapper, mailboxMapper);
        this.subscriptionMapper = new JdbcSubscriptionMapper(jdbc);
        this.annotationMapper = new JdbcAnnotationMapper(jdbc);
        this.uidProvider = new JdbcUidProvider(rows, transactions);
        this.modSeqProvider = new JdbcModSeqProvider(rows, transactions);
    }

    MessageRows rows() {
        return rows;
    }

    @Override
    public AnnotationMapper createAnnotationMapper(MailboxSession session) {
        return annotationMapper;
    }

    @Override
    public MessageMapper createMessageMapper(MailboxSession session) {
        return messageMapper;
    }

    @Override
    public MessageIdMapper createMessageIdMapper(MailboxSession session) {
        return messageIdMapper;
    }

    @Override
    public MailboxMapper createMailboxMapper(MailboxSession session) {
        return mailboxMapper;
    }

    @Override
    public SubscriptionMapper createSubscriptionMapper(MailboxSession session) {
        return subscriptionMapper;
    }

    @Override
    public UidProvider getUidProvider() {
        return uidProvider;
    }

    @Override
    public ModSeqProvider getModSeqProvider() {
        return modSeqProvider;
    }
}

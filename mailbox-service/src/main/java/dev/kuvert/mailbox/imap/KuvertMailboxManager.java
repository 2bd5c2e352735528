package dev.kuvert.mailbox.imap;

import java.time.Clock;
import java.util.EnumSet;
import javax.mail.Flags;
import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.MessageFactory;
import org.apache.james.mailbox.store.MessageStorer;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreMessageManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.search.MessageSearchIndex;

/**
 * James's store-backed mailbox manager over Kuvert's mappers: personal folders only (no ACLs, no
 * shared namespaces), keywords allowed, MOVE, METADATA and QUOTA.
 */
class KuvertMailboxManager extends StoreMailboxManager {
    static final EnumSet<MailboxCapabilities> MAILBOX_CAPABILITIES = EnumSet.of(MailboxCapabilities.Move, MailboxCapabilities.UserFlag,
            MailboxCapabilities.Namespace, MailboxCapabilities.Annotation, MailboxCapabilities.Quota);
    static final EnumSet<MessageCapabilities> MESSAGE_CAPABILITIES = EnumSet.of(MessageCapabilities.UniqueID);

    KuvertMailboxManager(MailboxSessionMapperFactory mappers, SessionProvider sessions, MailboxPathLocker locker, MessageParser parser,
            MessageId.Factory messageIds, StoreMailboxAnnotationManager annotations, EventBus eventBus, StoreRightManager rights,
            QuotaComponents quotas, MessageSearchIndex index, ThreadIdGuessingAlgorithm threads, Clock clock) {
        super(mappers, sessions, locker, parser, messageIds, annotations, eventBus, rights, quotas, index, MailboxManagerConfiguration.DEFAULT,
                PreDeletionHooks.NO_PRE_DELETION_HOOK, threads, clock);
    }

    @Override
    public EnumSet<MailboxCapabilities> getSupportedMailboxCapabilities() {
        return MAILBOX_CAPABILITIES;
    }

    @Override
    public EnumSet<MessageCapabilities> getSupportedMessageCapabilities() {
        return MESSAGE_CAPABILITIES;
    }

    @Override
    protected StoreMessageManager createMessageManager(Mailbox mailbox, MailboxSession session) {
        MessageStorer storer = new MessageStorer.WithoutAttachment(getMapperFactory(), getMessageIdFactory(),
                new MessageFactory.StoreMessageFactory(), getThreadIdGuessingAlgorithm(), getClock());
        return new StoreMessageManager(MESSAGE_CAPABILITIES, getMapperFactory(), getMessageSearchIndex(), getEventBus(), getLocker(), mailbox,
                getQuotaComponents().getQuotaManager(), getQuotaComponents().getQuotaRootResolver(), configuration.getBatchSizes(),
                getStoreRightManager(), getPreDeletionHooks(), storer) {
            @Override
            public Flags getPermanentFlags(MailboxSession mailboxSession) {
                Flags flags = new Flags(super.getPermanentFlags(mailboxSession));
                flags.add(Flags.Flag.USER);
                return flags;
            }
        };
    }
}

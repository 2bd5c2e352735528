package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.store.FolderChanged;
import dev.kuvert.mailbox.store.StoredMessage;
import java.util.Date;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.event.EventFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Tells IMAP sessions about changes made outside IMAP (local delivery, POP3 deletions): each
 * {@link FolderChanged} becomes James {@code Added} / {@code Expunged} events on the folder, which
 * selected and IDLEing sessions receive at once. Failing to notify never fails the change itself.
 */
public class StoreChangeDispatcher {
    private static final Logger log = LoggerFactory.getLogger(StoreChangeDispatcher.class);
    private final StoreMapperFactory mappers;
    private final EventBus eventBus;
    private final SessionProvider sessions;

    public StoreChangeDispatcher(StoreMapperFactory mappers, EventBus eventBus, SessionProvider sessions) {
        this.mappers = mappers;
        this.eventBus = eventBus;
        this.sessions = sessions;
    }

    @EventListener
    public void folderChanged(FolderChanged change) {
        try {
            Mailbox mailbox = mappers.rows().folder(change.folderId()).isEmpty()
                    ? null
                    : mappers.createMailboxMapper(null).findMailboxById(new FolderId(change.folderId())).block();
            if (mailbox == null) {
                return;
            }
            MailboxSession session = sessions.createSystemSession(mailbox.getUser());
            MailboxIdRegistrationKey key = new MailboxIdRegistrationKey(mailbox.getMailboxId());
            if (!change.deliveredUids().isEmpty()) {
                SortedMap<MessageUid, MessageMetaData> added = new TreeMap<>();
                for (MessageRow row : mappers.rows().findByUids(change.folderId(), change.deliveredUids())) {
                    added.put(MessageUid.of(row.uid()), metaData(row));
                }
                if (!added.isEmpty()) {
                    eventBus.dispatch(EventFactory.added().randomEventId().mailboxSession(session).mailbox(mailbox).metaData(added)
                            .isDelivery(true).build(), key).block();
                }
            }
            if (!change.expunged().isEmpty()) {
                SortedMap<MessageUid, MessageMetaData> expunged = new TreeMap<>();
                for (StoredMessage message : change.expunged()) {
                    expunged.put(MessageUid.of(message.uid()), metaData(message));
                }
                eventBus.dispatch(EventFactory.expunged().randomEventId().mailboxSession(session).mailbox(mailbox).metaData(expunged).build(), key)
                        .block();
            }
        } catch (RuntimeException e) {
            log.warn("Could not tell IMAP sessions about a change of folder {}", change.folderId(), e);
        }
    }

    private static MessageMetaData metaData(MessageRow row) {
        MessageId id = new StoreMessageId(row.messageId());
        return new MessageMetaData(MessageUid.of(row.uid()), ModSeq.of(row.modseq()), row.createFlags(), row.size(),
                Date.from(row.internalDate()), Optional.empty(), id, ThreadId.fromBaseMessageId(id));
    }

    private static MessageMetaData metaData(StoredMessage message) {
        MessageId id = StoreMessageId.FACTORY.generate();
        return new MessageMetaData(MessageUid.of(message.uid()), ModSeq.of(message.modseq()), MessageRow.toFlags(message.flags(), null),
                message.size(), Date.from(message.internalDate()), Optional.empty(), id, ThreadId.fromBaseMessageId(id));
    }

}

package dev.kuvert.mailbox.imap.store;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.Multimap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.mail.Flags;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageIdMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Messages by {@code messages.message_id} across folders (IMAP itself does not need this; James's
 * message-id API does). Writes go through the {@link JdbcMessageMapper} so the folder locking holds.
 */
class JdbcMessageIdMapper implements MessageIdMapper {
    private final MessageRows rows;
    private final JdbcMessageMapper messages;
    private final MailboxMapper mailboxes;

    JdbcMessageIdMapper(MessageRows rows, JdbcMessageMapper messages, MailboxMapper mailboxes) {
        this.rows = rows;
        this.messages = messages;
        this.mailboxes = mailboxes;
    }

    @Override
    public List<MailboxMessage> find(Collection<MessageId> messageIds, MessageMapper.FetchType fetchType) {
        return rows.findByMessageIds(messageIds.stream().map(MessageId::serialize).toList()).stream().map(messages::message).toList();
    }

    @Override
    public Publisher<ComposedMessageIdWithMetaData> findMetadata(MessageId messageId) {
        return Mono.fromCallable(() -> find(List.of(messageId), MessageMapper.FetchType.METADATA))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(found -> found)
                .map(MailboxMessage::getComposedMessageIdWithMetaData);
    }

    @Override
    public List<MailboxId> findMailboxes(MessageId messageId) {
        return find(List.of(messageId), MessageMapper.FetchType.METADATA).stream().map(MailboxMessage::getMailboxId).distinct().toList();
    }

    /** Stores the message in its mailbox (with a new UID from the folder, as every write does). */
    @Override
    public void save(MailboxMessage message) throws MailboxException {
        messages.add(mailbox(message.getMailboxId()), message);
    }

    /** Adds a copy to the mailbox unless the mailbox already holds the message (as James's in-memory mapper does). */
    @Override
    public void copyInMailbox(MailboxMessage message, Mailbox mailbox) throws MailboxException {
        if (!findMailboxes(message.getMessageId()).contains(mailbox.getMailboxId())) {
            messages.copy(mailbox, message);
        }
    }

    @Override
    public void delete(MessageId messageId) {
        delete(messageId, findMailboxes(messageId));
    }

    @Override
    public void delete(MessageId messageId, Collection<MailboxId> mailboxIds) {
        Map<MailboxId, List<MessageUid>> byFolder = find(List.of(messageId), MessageMapper.FetchType.METADATA).stream()
                .filter(m -> mailboxIds.contains(m.getMailboxId()))
                .collect(Collectors.groupingBy(MailboxMessage::getMailboxId, Collectors.mapping(MailboxMessage::getUid, Collectors.toList())));
        byFolder.forEach((mailboxId, uids) -> {
            try {
                messages.deleteMessages(mailbox(mailboxId), uids);
            } catch (MailboxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public Mono<Multimap<MailboxId, UpdatedFlags>> setFlags(MessageId messageId, List<MailboxId> mailboxIds, Flags newState,
            MessageManager.FlagsUpdateMode updateMode) {
        return Mono.fromCallable(() -> {
            ImmutableListMultimap.Builder<MailboxId, UpdatedFlags> result = ImmutableListMultimap.builder();
            for (MailboxMessage message : find(List.of(messageId), MessageMapper.FetchType.METADATA)) {
                if (mailboxIds.contains(message.getMailboxId())) {
                    var updated = messages.updateFlags(mailbox(message.getMailboxId()), new FlagsUpdateCalculator(newState, updateMode),
                            MessageRange.one(message.getUid()));
                    updated.forEachRemaining(flags -> result.put(message.getMailboxId(), flags));
                }
            }
            return (Multimap<MailboxId, UpdatedFlags>) result.build();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Mailbox mailbox(MailboxId id) throws MailboxException {
        Mailbox mailbox = mailboxes.findMailboxById(id).block();
        if (mailbox == null) {
            throw new org.apache.james.mailbox.exception.MailboxNotFoundException(id);
        }
        return mailbox;
    }

}

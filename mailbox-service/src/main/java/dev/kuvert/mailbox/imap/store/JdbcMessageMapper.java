package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.store.BlobStore;
import dev.kuvert.mailbox.store.MessageFlags;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.mail.Flags;
import org.apache.james.mailbox.ApplicableFlagBuilder;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.exception.OverQuotaException;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * James's {@link MessageMapper} on {@code messages} and the blob store. Every write locks the folder
 * row first (as {@code MessageStore} does), so IMAP, POP3 and local delivery assign UIDs and MODSEQs
 * from the same counters; quota is charged and released on {@code accounts.used_bytes}.
 */
class JdbcMessageMapper implements MessageMapper {
    private final MessageRows rows;
    private final Transactions transactions;
    private final BlobStore blobs;
    private final long maxMessageBytes;

    JdbcMessageMapper(MessageRows rows, Transactions transactions, BlobStore blobs, long maxMessageBytes) {
        this.rows = rows;
        this.transactions = transactions;
        this.blobs = blobs;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public Iterator<MailboxMessage> findInMailbox(Mailbox mailbox, MessageRange set, FetchType type, int limit) {
        return rows.find(folder(mailbox), set, limit).stream().map(this::message).iterator();
    }

    /** James's default goes through the iterator, a spliterator and a stream for every message of a FETCH. */
    @Override
    public Flux<MailboxMessage> findInMailboxReactive(Mailbox mailbox, MessageRange set, FetchType type, int limit) {
        return Flux.defer(() -> Flux.fromIterable(rows.find(folder(mailbox), set, limit))).map(this::message);
    }

    @Override
    public Flux<ComposedMessageIdWithMetaData> listMessagesMetadata(Mailbox mailbox, MessageRange set) {
        return Flux.defer(() -> Flux.fromIterable(rows.find(folder(mailbox), set, UNLIMITED))).map(row -> {
            MessageId id = new StoreMessageId(row.messageId());
            return new ComposedMessageIdWithMetaData(new ComposedMessageId(new FolderId(row.folderId()), id, MessageUid.of(row.uid())),
                    row.createFlags(), ModSeq.of(row.modseq()), ThreadId.fromBaseMessageId(id));
        });
    }

    @Override
    public List<MessageUid> retrieveMessagesMarkedForDeletion(Mailbox mailbox, MessageRange range) {
        return messageUids(rows.uids(folder(mailbox), range, "flags & " + MessageFlags.DELETED + " <> 0"));
    }

    @Override
    public long countMessagesInMailbox(Mailbox mailbox) {
        return rows.count(folder(mailbox));
    }

    @Override
    public MailboxCounters getMailboxCounters(Mailbox mailbox) {
        long folder = folder(mailbox);
        return MailboxCounters.builder().mailboxId(mailbox.getMailboxId()).count(rows.count(folder)).unseen(rows.countUnseen(folder)).build();
    }

    @Override
    public void delete(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        deleteMessages(mailbox, List.of(message.getUid()));
    }

    @Override
    public Map<MessageUid, MessageMetaData> deleteMessages(Mailbox mailbox, List<MessageUid> uids) throws MailboxException {
        long folderId = folder(mailbox);
        return transactions.run(() -> {
            MessageRows.FolderState folder = lock(mailbox);
            List<MessageRow> doomed = rows.findByUids(folderId, uids.stream().map(MessageUid::asLong).toList());
            rows.delete(folder.accountId(), doomed);
            if (!doomed.isEmpty()) {
                rows.advance(folderId, folder.uidNext(), folder.highestModseq() + 1);
            }
            Map<MessageUid, MessageMetaData> deleted = new LinkedHashMap<>();
            doomed.forEach(row -> deleted.put(MessageUid.of(row.uid()), metaData(row)));
            return deleted;
        });
    }

    @Override
    public MessageUid findFirstUnseenMessageUid(Mailbox mailbox) {
        return rows.firstUnseen(folder(mailbox)).map(MessageUid::of).orElse(null);
    }

    @Override
    public List<MessageUid> findRecentMessageUidsInMailbox(Mailbox mailbox) {
        return messageUids(rows.uids(folder(mailbox), MessageRange.all(), "flags & " + MessageFlags.RECENT + " <> 0"));
    }

    @Override
    public MessageMetaData add(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        BlobStore.Blob blob = storeBlob(message);
        Flags flags = message.createFlags();
        String messageId = messageId(message.getMessageId());
        MessageRow row;
        try {
            row = transactions.run(() -> {
                MessageRows.FolderState folder = lock(mailbox);
                if (!rows.charge(folder.accountId(), blob.size())) {
                    throw new OverQuotaException("The mailbox is full.", QuotaSizeLimit.unlimited(), QuotaSizeUsage.size(blob.size()));
                }
                MessageRow inserted = new MessageRow(0, folder.id(), folder.uidNext(), folder.highestModseq() + 1, blob.id(), blob.size(),
                        message.getInternalDate().toInstant(), MessageRow.bits(flags), MessageRow.userFlags(flags), messageId);
                insert(inserted);
                rows.advance(folder.id(), inserted.uid() + 1, inserted.modseq());
                return inserted;
            });
        } catch (MailboxException e) {
            rows.orphanIfUnreferenced(List.of(blob.id()));
            throw e;
        }
        message.setUid(MessageUid.of(row.uid()));
        message.setModSeq(ModSeq.of(row.modseq()));
        return metaData(row);
    }

    @Override
    public Iterator<UpdatedFlags> updateFlags(Mailbox mailbox, FlagsUpdateCalculator calculator, MessageRange set) throws MailboxException {
        long folderId = folder(mailbox);
        return transactions.run(() -> {
            MessageRows.FolderState folder = lock(mailbox);
            long modseq = folder.highestModseq() + 1;
            List<UpdatedFlags> updates = new ArrayList<>();
            List<MessageRow> changed = new ArrayList<>();
            for (MessageRow row : rows.find(folderId, set, -1)) {
                Flags old = row.createFlags();
                Flags updated = calculator.buildNewFlags(old);
                MessageRow result = row;
                if (UpdatedFlags.flagsChanged(old, updated)) {
                    result = new MessageRow(row.id(), row.folderId(), row.uid(), modseq, row.blobId(), row.size(), row.internalDate(),
                            MessageRow.bits(updated), checkedUserFlags(updated), row.messageId());
                    changed.add(result);
                }
                updates.add(UpdatedFlags.builder()
                        .uid(MessageUid.of(row.uid()))
                        .messageId(new StoreMessageId(row.messageId()))
                        .modSeq(ModSeq.of(result.modseq()))
                        .oldFlags(old)
                        .newFlags(updated)
                        .build());
            }
            if (!changed.isEmpty()) {
                rows.updateFlags(changed);
                rows.advance(folderId, folder.uidNext(), modseq);
            }
            return updates.iterator();
        });
    }

    @Override
    public MessageMetaData copy(Mailbox mailbox, MailboxMessage original) throws MailboxException {
        return copy(mailbox, List.of(original)).getFirst();
    }

    /** Copies in one transaction: consecutive UIDs, one MODSEQ, the whole size charged at once. */
    @Override
    public List<MessageMetaData> copy(Mailbox mailbox, List<MailboxMessage> originals) throws MailboxException {
        List<BlobStore.Blob> sources = new ArrayList<>();
        for (MailboxMessage original : originals) {
            sources.add(original instanceof BlobMailboxMessage stored
                    ? new BlobStore.Blob(stored.blobId(), stored.getFullContentOctets())
                    : storeBlob(original));
        }
        List<MessageRow> copies = transactions.run(() -> {
            MessageRows.FolderState folder = lock(mailbox);
            long total = sources.stream().mapToLong(BlobStore.Blob::size).sum();
            if (!rows.charge(folder.accountId(), total)) {
                throw new OverQuotaException("The mailbox is full.", QuotaSizeLimit.unlimited(), QuotaSizeUsage.size(total));
            }
            long uid = folder.uidNext();
            long modseq = folder.highestModseq() + 1;
            List<MessageRow> inserted = new ArrayList<>();
            for (int i = 0; i < originals.size(); i++) {
                MailboxMessage original = originals.get(i);
                Flags flags = original.createFlags();
                flags.add(Flags.Flag.RECENT);
                MessageRow row = new MessageRow(0, folder.id(), uid++, modseq, sources.get(i).id(), sources.get(i).size(),
                        original.getInternalDate().toInstant(), MessageRow.bits(flags), MessageRow.userFlags(flags),
                        messageId(original.getMessageId()));
                insert(row);
                inserted.add(row);
            }
            rows.advance(folder.id(), uid, modseq);
            return inserted;
        });
        return copies.stream().map(this::metaData).toList();
    }

    @Override
    public MessageMetaData move(Mailbox mailbox, MailboxMessage original) throws MailboxException {
        return move(mailbox, List.of(original)).getFirst();
    }

    /** Moves in one transaction: the rows change folder and get new UIDs; the quota stays as it is. */
    @Override
    public List<MessageMetaData> move(Mailbox mailbox, List<MailboxMessage> originals) throws MailboxException {
        if (originals.isEmpty()) {
            return List.of();
        }
        long sourceId = FolderId.of(originals.getFirst().getMailboxId());
        long targetId = folder(mailbox);
        List<MessageRow> moved = transactions.run(() -> {
            MessageRows.FolderState first = rows.lockFolder(Math.min(sourceId, targetId)).orElseThrow(() -> notFound(mailbox));
            MessageRows.FolderState second = rows.lockFolder(Math.max(sourceId, targetId)).orElseThrow(() -> notFound(mailbox));
            MessageRows.FolderState source = first.id() == sourceId ? first : second;
            MessageRows.FolderState target = first.id() == targetId ? first : second;
            List<MessageRow> found = rows.findByUids(sourceId, originals.stream().map(m -> m.getUid().asLong()).toList());
            long uid = target.uidNext();
            long modseq = target.highestModseq() + 1;
            List<MessageRow> result = new ArrayList<>();
            for (MessageRow row : found) {
                int flags = row.flags() | MessageFlags.RECENT;
                rows.moveRow(row.id(), targetId, uid, modseq, flags);
                result.add(new MessageRow(row.id(), targetId, uid++, modseq, row.blobId(), row.size(), row.internalDate(), flags,
                        row.userFlags(), row.messageId()));
            }
            if (sourceId == targetId) {
                rows.advance(targetId, uid, modseq);
            } else {
                rows.advance(targetId, uid, modseq);
                rows.advance(sourceId, source.uidNext(), source.highestModseq() + 1);
            }
            return result;
        });
        return moved.stream().map(this::metaData).toList();
    }

    @Override
    public Optional<MessageUid> getLastUid(Mailbox mailbox) throws MailboxException {
        long uidNext = rows.folder(folder(mailbox)).orElseThrow(() -> notFound(mailbox)).uidNext();
        return uidNext > 1 ? Optional.of(MessageUid.of(uidNext - 1)) : Optional.empty();
    }

    @Override
    public ModSeq getHighestModSeq(Mailbox mailbox) throws MailboxException {
        return ModSeq.of(rows.folder(folder(mailbox)).orElseThrow(() -> notFound(mailbox)).highestModseq());
    }

    @Override
    public Flags getApplicableFlag(Mailbox mailbox) {
        ApplicableFlagBuilder builder = ApplicableFlagBuilder.builder();
        for (String userFlags : rows.distinctUserFlags(folder(mailbox))) {
            builder.add(Arrays.stream(userFlags.split(" ")).filter(f -> !f.isEmpty()).toArray(String[]::new));
        }
        return builder.build();
    }

    @Override
    public Flux<MessageUid> listAllMessageUids(Mailbox mailbox) {
        return reactor.core.publisher.Mono.fromCallable(() -> rows.uids(folder(mailbox), MessageRange.all(), null))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(JdbcMessageMapper::messageUids);
    }

    private static List<MessageUid> messageUids(long[] uids) {
        return Arrays.stream(uids).mapToObj(MessageUid::of).toList();
    }

    MailboxMessage message(MessageRow row) {
        return new BlobMailboxMessage(row, blobs);
    }

    private void insert(MessageRow row) {
        rows.insert(row.folderId(), row.uid(), row.modseq(), row.blobId(), row.size(), row.internalDate(), row.flags(), row.userFlags(),
                row.messageId());
    }

    private MessageMetaData metaData(MessageRow row) {
        MessageId id = new StoreMessageId(row.messageId());
        return new MessageMetaData(MessageUid.of(row.uid()), ModSeq.of(row.modseq()), row.createFlags(), row.size(),
                java.util.Date.from(row.internalDate()), Optional.empty(), id, ThreadId.fromBaseMessageId(id));
    }

    private BlobStore.Blob storeBlob(MailboxMessage message) throws MailboxException {
        try (InputStream content = message.getFullContent()) {
            return blobs.put(content, maxMessageBytes);
        } catch (IOException e) {
            throw new MailboxException("cannot store the message", e);
        } catch (BlobStore.TooLargeException e) {
            throw new MailboxException("The message is larger than " + maxMessageBytes + " bytes.", e);
        }
    }

    private static String checkedUserFlags(Flags flags) throws MailboxException {
        String userFlags = MessageRow.userFlags(flags);
        if (userFlags != null && userFlags.length() > 2000) {
            throw new MailboxException("Too many keywords on one message.");
        }
        return userFlags;
    }

    private MessageRows.FolderState lock(Mailbox mailbox) throws MailboxNotFoundException {
        return rows.lockFolder(folder(mailbox)).orElseThrow(() -> notFound(mailbox));
    }

    private static MailboxNotFoundException notFound(Mailbox mailbox) {
        return new MailboxNotFoundException(mailbox.getMailboxId());
    }

    private static long folder(Mailbox mailbox) {
        return FolderId.of(mailbox.getMailboxId());
    }

    static String messageId(MessageId id) {
        return id instanceof StoreMessageId stored ? stored.value() : StoreMessageId.FACTORY.generate().serialize();
    }
}

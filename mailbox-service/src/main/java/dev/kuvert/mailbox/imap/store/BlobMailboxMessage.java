package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.mail.Flags;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.Properties;

/**
 * A stored message as James sees it: metadata from its {@code messages} row, bytes from the blob
 * store. Header length and MIME structure are read from the blob on first use ({@link MimeSummary});
 * the header section alone is read without reading the body ({@link HeaderSection}).
 */
final class BlobMailboxMessage implements MailboxMessage {
    private final MailboxId mailboxId;
    private final MessageId messageId;
    private final String blobId;
    private final long size;
    private final Date internalDate;
    private final BlobStore blobs;
    private MessageUid uid;
    private ModSeq modSeq;
    private Flags flags;
    private MimeSummary summary;

    BlobMailboxMessage(MessageRow row, BlobStore blobs) {
        this(new FolderId(row.folderId()), new StoreMessageId(row.messageId()), row.blobId(), row.size(), Date.from(row.internalDate()),
                MessageUid.of(row.uid()), ModSeq.of(row.modseq()), row.createFlags(), blobs);
    }

    private BlobMailboxMessage(MailboxId mailboxId, MessageId messageId, String blobId, long size, Date internalDate, MessageUid uid,
            ModSeq modSeq, Flags flags, BlobStore blobs) {
        this.mailboxId = mailboxId;
        this.messageId = messageId;
        this.blobId = blobId;
        this.size = size;
        this.internalDate = internalDate;
        this.uid = uid;
        this.modSeq = modSeq;
        this.flags = flags;
        this.blobs = blobs;
    }

    String blobId() {
        return blobId;
    }

    private synchronized MimeSummary knownSummary() {
        return summary;
    }

    private synchronized MimeSummary summary() {
        if (summary == null) {
            try (InputStream in = getFullContent()) {
                summary = MimeSummary.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return summary;
    }

    /** Opened at the first read; a FETCH of thousands of messages asks for every stream before it writes one. */
    @Override
    public InputStream getFullContent() throws IOException {
        return blobs.openWithKnownSize(blobId, size);
    }

    /** Reads no further than the header section, whether or not the body has been looked at yet. */
    @Override
    public InputStream getHeaderContent() throws IOException {
        MimeSummary known = knownSummary();
        return known != null ? new BoundedInputStream(getFullContent(), known.bodyStart()) : new HeaderSection(getFullContent());
    }

    @Override
    public InputStream getBodyContent() throws IOException {
        InputStream in = getFullContent();
        in.skipNBytes(Math.min(size, summary().bodyStart()));
        return in;
    }

    @Override
    public long getFullContentOctets() {
        return size;
    }

    @Override
    public long getHeaderOctets() {
        return summary().bodyStart();
    }

    @Override
    public long getBodyOctets() {
        return size - getHeaderOctets();
    }

    @Override
    public String getMediaType() {
        return summary().properties().getMediaType();
    }

    @Override
    public String getSubType() {
        return summary().properties().getSubType();
    }

    @Override
    public Long getTextualLineCount() {
        return summary().properties().getTextualLineCount();
    }

    @Override
    public Properties getProperties() {
        return summary().properties();
    }

    @Override
    public List<MessageAttachmentMetadata> getAttachments() {
        return List.of();
    }

    @Override
    public MessageId getMessageId() {
        return messageId;
    }

    @Override
    public ThreadId getThreadId() {
        return ThreadId.fromBaseMessageId(messageId);
    }

    @Override
    public Date getInternalDate() {
        return internalDate;
    }

    @Override
    public ComposedMessageIdWithMetaData getComposedMessageIdWithMetaData() {
        return new ComposedMessageIdWithMetaData(new ComposedMessageId(mailboxId, messageId, uid), createFlags(), modSeq, getThreadId());
    }

    @Override
    public MailboxId getMailboxId() {
        return mailboxId;
    }

    @Override
    public MessageUid getUid() {
        return uid;
    }

    @Override
    public void setUid(MessageUid uid) {
        this.uid = uid;
    }

    @Override
    public void setModSeq(ModSeq modSeq) {
        this.modSeq = modSeq;
    }

    @Override
    public ModSeq getModSeq() {
        return modSeq;
    }

    @Override
    public boolean isAnswered() {
        return flags.contains(Flags.Flag.ANSWERED);
    }

    @Override
    public boolean isDeleted() {
        return flags.contains(Flags.Flag.DELETED);
    }

    @Override
    public boolean isDraft() {
        return flags.contains(Flags.Flag.DRAFT);
    }

    @Override
    public boolean isFlagged() {
        return flags.contains(Flags.Flag.FLAGGED);
    }

    @Override
    public boolean isRecent() {
        return flags.contains(Flags.Flag.RECENT);
    }

    @Override
    public boolean isSeen() {
        return flags.contains(Flags.Flag.SEEN);
    }

    @Override
    public synchronized void setFlags(Flags flags) {
        this.flags = new Flags(flags);
    }

    @Override
    public synchronized Flags createFlags() {
        return new Flags(flags);
    }

    @Override
    public void setSaveDate(Date saveDate) {
        // the store keeps no save date
    }

    @Override
    public Optional<Date> getSaveDate() {
        return Optional.empty();
    }

    @Override
    public MailboxMessage copy(Mailbox mailbox) {
        return new BlobMailboxMessage(mailbox.getMailboxId(), messageId, blobId, size, internalDate, uid, modSeq, createFlags(), blobs);
    }

    @Override
    public String toString() {
        return "message " + mailboxId + "/" + uid;
    }
}

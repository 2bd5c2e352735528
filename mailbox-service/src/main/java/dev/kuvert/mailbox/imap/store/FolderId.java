package dev.kuvert.mailbox.imap.store;

import org.apache.james.mailbox.model.MailboxId;

/** A James {@link MailboxId} that is the {@code folders.id} of the folder. */
public record FolderId(long value) implements MailboxId {

    public static final MailboxId.Factory FACTORY = serialized -> new FolderId(Long.parseLong(serialized));

    public static long of(MailboxId id) {
        if (id instanceof FolderId folderId) {
            return folderId.value;
        }
        throw new IllegalArgumentException("not a Kuvert folder id: " + id);
    }

    @Override
    public String serialize() {
        return Long.toString(value);
    }

    @Override
    public String toString() {
        return serialize();
    }
}

package dev.kuvert.mailbox.store;

import java.util.List;

/**
 * Published after a folder's contents changed outside IMAP (a message was delivered, POP3 expunged
 * messages), so that IMAP sessions on the folder learn of it.
 *
 * @param deliveredUids UIDs of messages that arrived
 * @param expunged messages that were removed for good, as they were before removal
 */
public record FolderChanged(long accountId, long folderId, List<Long> deliveredUids, List<StoredMessage> expunged) {
    public FolderChanged {
        deliveredUids = List.copyOf(deliveredUids);
        expunged = List.copyOf(expunged);
    }

    public FolderChanged(long accountId, long folderId) {
        this(accountId, folderId, List.of(), List.of());
    }
}

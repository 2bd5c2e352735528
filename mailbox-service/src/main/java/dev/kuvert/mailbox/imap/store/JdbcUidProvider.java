package dev.kuvert.mailbox.imap.store;

import java.util.Optional;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.UidProvider;

/** UIDs from {@code folders.uid_next}, taken under the folder's row lock: strictly ascending, never reused. */
class JdbcUidProvider implements UidProvider {
    private final MessageRows rows;
    private final Transactions transactions;

    JdbcUidProvider(MessageRows rows, Transactions transactions) {
        this.rows = rows;
        this.transactions = transactions;
    }

    @Override
    public MessageUid nextUid(Mailbox mailbox) throws MailboxException {
        return nextUid(mailbox.getMailboxId());
    }

    @Override
    public MessageUid nextUid(MailboxId mailboxId) throws MailboxException {
        long folderId = FolderId.of(mailboxId);
        return transactions.run(() -> {
            MessageRows.FolderState folder = rows.lockFolder(folderId).orElseThrow(() -> new MailboxNotFoundException(mailboxId));
            rows.advance(folderId, folder.uidNext() + 1, folder.highestModseq());
            return MessageUid.of(folder.uidNext());
        });
    }

    @Override
    public Optional<MessageUid> lastUid(Mailbox mailbox) throws MailboxException {
        long uidNext = rows.folder(FolderId.of(mailbox.getMailboxId()))
                .orElseThrow(() -> new MailboxNotFoundException(mailbox.getMailboxId()))
                .uidNext();
        return uidNext > 1 ? Optional.of(MessageUid.of(uidNext - 1)) : Optional.empty();
    }
}

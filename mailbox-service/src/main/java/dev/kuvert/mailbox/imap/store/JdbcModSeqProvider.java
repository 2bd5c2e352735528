package dev.kuvert.mailbox.imap.store;

import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.ModSeqProvider;

/** MODSEQs from {@code folders.highest_modseq}, taken under the folder's row lock. */
class JdbcModSeqProvider implements ModSeqProvider {
    private final MessageRows rows;
    private final Transactions transactions;

    JdbcModSeqProvider(MessageRows rows, Transactions transactions) {
        this.rows = rows;
        this.transactions = transactions;
    }

    @Override
    public ModSeq nextModSeq(Mailbox mailbox) throws MailboxException {
        return nextModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq nextModSeq(MailboxId mailboxId) throws MailboxException {
        long folderId = FolderId.of(mailboxId);
        return transactions.run(() -> {
            MessageRows.FolderState folder = rows.lockFolder(folderId).orElseThrow(() -> new MailboxNotFoundException(mailboxId));
            rows.advance(folderId, folder.uidNext(), folder.highestModseq() + 1);
            return ModSeq.of(folder.highestModseq() + 1);
        });
    }

    @Override
    public ModSeq highestModSeq(Mailbox mailbox) throws MailboxException {
        return highestModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq highestModSeq(MailboxId mailboxId) throws MailboxException {
        return ModSeq.of(rows.folder(FolderId.of(mailboxId)).orElseThrow(() -> new MailboxNotFoundException(mailboxId)).highestModseq());
    }
}

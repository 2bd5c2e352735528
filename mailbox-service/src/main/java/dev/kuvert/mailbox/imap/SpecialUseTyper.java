package dev.kuvert.mailbox.imap;

import java.util.Map;
import java.util.Optional;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.mailbox.model.MailboxPath;
import org.springframework.jdbc.core.simple.JdbcClient;

/** RFC 6154 special-use attributes of LIST from {@code folders.special_use} (set for the default folders). */
class SpecialUseTyper implements MailboxTyper {
    private static final Map<String, MailboxType> TYPES = Map.of(
            "\\Sent", MailboxType.SENT,
            "\\Drafts", MailboxType.DRAFTS,
            "\\Trash", MailboxType.TRASH,
            "\\Junk", MailboxType.SPAM,
            "\\Archive", MailboxType.ARCHIVE,
            "\\Flagged", MailboxType.STARRED,
            "\\All", MailboxType.ALLMAIL);
    private final JdbcClient jdbc;

    SpecialUseTyper(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public MailboxType getMailboxType(ImapSession session, MailboxPath path) {
        if (path.isInbox()) {
            return MailboxType.INBOX;
        }
        if (path.getUser() == null) {
            return MailboxType.OTHER;
        }
        return jdbc.sql("SELECT f.special_use FROM folders f JOIN accounts a ON a.id = f.account_id WHERE a.address = ? AND f.name = ?")
                .params(path.getUser().asString(), path.getName())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(use -> use)
                .map(use -> TYPES.getOrDefault(use, MailboxType.OTHER))
                .orElse(MailboxType.OTHER);
    }
}

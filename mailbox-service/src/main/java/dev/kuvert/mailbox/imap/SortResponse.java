package dev.kuvert.mailbox.imap;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.mailbox.ModSeq;

/**
 * The untagged {@code * SORT n n n} response (RFC 5256 §4): message numbers (UIDs for UID SORT) in
 * sorted order, and the highest MODSEQ when the search asked for one (RFC 7162 §3.1.5).
 *
 * @param highestModSeq null unless the search had a MODSEQ key
 */
record SortResponse(long[] numbers, ModSeq highestModSeq) implements ImapResponseMessage {

    /**
     * {@code NO [BADCHARSET (US-ASCII UTF-8)]}: the SORT named a charset other than those two. James's
     * own BADCHARSET code lists every charset the JVM knows, not what SORT accepts.
     */
    record BadCharset(Tag tag) implements ImapResponseMessage {}
}

package dev.kuvert.mailbox.imap;

import java.util.List;
import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.request.SearchKey;

/**
 * A SORT or UID SORT command (RFC 5256 §3): the sort keys, most significant first, and the search
 * that selects the messages to sort.
 */
record SortRequest(Tag tag, boolean useUids, List<Key> keys, SearchKey search) implements ImapRequest {
    static final ImapCommand COMMAND = ImapCommand.selectedStateCommand("SORT");

    /** The sort-key grammar of RFC 5256 §3. */
    enum Criterion {
        ARRIVAL, CC, DATE, FROM, SIZE, SUBJECT, TO;

        /** Whether sorting by this criterion reads the message's header section. */
        boolean readsHeaders() {
            return this != ARRIVAL && this != SIZE;
        }
    }

    /** One sort-criterion: a key, in reverse order when the client put REVERSE before it. */
    record Key(Criterion criterion, boolean reverse) {}

    SortRequest {
        keys = List.copyOf(keys);
    }

    @Override
    public ImapCommand getCommand() {
        return COMMAND;
    }

    @Override
    public Tag getTag() {
        return tag;
    }
}

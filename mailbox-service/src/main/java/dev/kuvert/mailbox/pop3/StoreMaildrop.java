package dev.kuvert.mailbox.pop3;

import dev.kuvert.mailbox.store.Folder;
import dev.kuvert.mailbox.store.MessageStore;
import dev.kuvert.mailbox.store.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/**
 * An account's INBOX as a POP3 maildrop. Its UIDL is {@code <uidvalidity>-<uid>}, stable across
 * sessions and the same message IMAP sees. DELE'd messages are expunged from the store at QUIT, the
 * same deletion IMAP's EXPUNGE makes.
 */
class StoreMaildrop implements Mailbox {
    private final long accountId;
    private final Folder inbox;
    private final MessageStore store;
    private final Runnable onClose;
    private final MessageStore.Listing listing;
    private final String uidlPrefix;
    private boolean closed;

    StoreMaildrop(long accountId, Folder inbox, MessageStore store, Runnable onClose) {
        this.accountId = accountId;
        this.inbox = inbox;
        this.store = store;
        this.onClose = onClose;
        this.listing = store.listing(inbox.id());
        this.uidlPrefix = inbox.uidValidity() + "-";
    }

    @Override
    public InputStream getMessage(String uidl) throws IOException {
        OptionalLong uid = uid(uidl);
        if (closed || uid.isEmpty()) {
            throw new IOException("no message " + uidl);
        }
        StoredMessage message = store.message(inbox.id(), uid.getAsLong()).orElseThrow(() -> new IOException("message " + uidl + " is gone"));
        return store.open(message);
    }

    @Override
    public List<MessageMetaData> getMessages() {
        long[] uids = listing.uids();
        long[] sizes = listing.sizes();
        List<MessageMetaData> all = new ArrayList<>(uids.length);
        for (int i = 0; i < uids.length; i++) {
            all.add(new MessageMetaData(uidlPrefix + uids[i], sizes[i]));
        }
        return all;
    }

    @Override
    public void remove(String... uidls) {
        List<Long> storeUids = Arrays.stream(uidls).map(this::uid).filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
        store.expunge(accountId, inbox.id(), storeUids);
    }

    @Override
    public String getIdentifier() {
        return accountId + "-" + inbox.uidValidity();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    /** The store uid behind a UIDL of this maildrop, if it names one of the messages listed at login. */
    private OptionalLong uid(String uidl) {
        if (uidl == null || !uidl.startsWith(uidlPrefix)) {
            return OptionalLong.empty();
        }
        long uid;
        try {
            uid = Long.parseLong(uidl, uidlPrefix.length(), uidl.length(), 10);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        return Arrays.binarySearch(listing.uids(), uid) >= 0 ? OptionalLong.of(uid) : OptionalLong.empty();
    }
}

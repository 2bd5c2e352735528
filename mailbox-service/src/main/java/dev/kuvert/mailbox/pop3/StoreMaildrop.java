package dev.kuvert.mailbox.pop3;

import dev.kuvert.mailbox.store.Folder;
import dev.kuvert.mailbox.store.MessageStore;
import dev.kuvert.mailbox.store.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, StoredMessage> byUidl = new LinkedHashMap<>();
    private boolean closed;

    StoreMaildrop(long accountId, Folder inbox, MessageStore store, Runnable onClose) {
        this.accountId = accountId;
        this.inbox = inbox;
        this.store = store;
        this.onClose = onClose;
        for (StoredMessage message : store.messages(inbox.id())) {
            byUidl.put(uidl(message), message);
        }
    }

    @Override
    public InputStream getMessage(String uid) throws IOException {
        StoredMessage message = byUidl.get(uid);
        if (closed || message == null) {
            throw new IOException("no message " + uid);
        }
        return store.open(message);
    }

    @Override
    public List<MessageMetaData> getMessages() {
        return byUidl.values().stream().map(m -> new MessageMetaData(uidl(m), m.size())).toList();
    }

    @Override
    public void remove(String... uids) {
        List<Long> storeUids = java.util.Arrays.stream(uids).map(byUidl::get).filter(java.util.Objects::nonNull)
                .map(StoredMessage::uid).toList();
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

    private String uidl(StoredMessage message) {
        return inbox.uidValidity() + "-" + message.uid();
    }
}

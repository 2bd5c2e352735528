package dev.kuvert.mailbox.store;

import dev.kuvert.mailbox.directory.AccountCreated;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message store: metadata in MySQL, bytes in the {@link BlobStore}. Each change to a folder
 * takes the folder's row lock, so UIDs and MODSEQs are assigned strictly ascending and never reused.
 * Every change is announced as a {@link FolderChanged} event after it commits.
 */
@Service
public class MessageStore {
    private final BlobStore blobs;
    private final Folders folders;
    private final Messages messages;
    private final Quotas quotas;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    MessageStore(BlobStore blobs, Folders folders, Messages messages, Quotas quotas, TransactionTemplate transaction,
            ApplicationEventPublisher events) {
        this.blobs = blobs;
        this.folders = folders;
        this.messages = messages;
        this.quotas = quotas;
        this.transaction = transaction;
        this.events = events;
    }

    @EventListener
    void createDefaultFolders(AccountCreated created) {
        folders.createDefaults(created.accountId());
    }

    /** The result of a delivery: where the message is, and whether it was there already. */
    public record Appended(Folder folder, long uid, boolean duplicate) {}

    public static final class QuotaExceededException extends Exception {
        QuotaExceededException() {
            super("the account is over its quota");
        }
    }

    /**
     * Stores a message for an account once per {@code deliveryKey} (the queue id): a second delivery
     * with the same key stores nothing and returns the first one's place.
     */
    public Appended deliver(long accountId, String deliveryKey, String folderName, InputStream content, long maxBytes)
            throws IOException, BlobStore.TooLargeException, QuotaExceededException {
        Optional<Appended> earlier = earlierDelivery(accountId, deliveryKey);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        BlobStore.Blob blob = blobs.put(content, maxBytes);
        Folder folder = folders.find(accountId, folderName).orElseGet(() -> folders.create(accountId, folderName, null));
        Appended appended = transaction.execute(status -> {
            Folder locked = folders.lockById(folder.id());
            Optional<long[]> again = messages.delivered(accountId, deliveryKey);
            if (again.isPresent()) {
                return new Appended(locked, again.get()[1], true);
            }
            if (!quotas.charge(accountId, blob.size())) {
                return null;
            }
            long uid = locked.uidNext();
            long modseq = locked.highestModseq() + 1;
            messages.insert(locked.id(), uid, modseq, blob.id(), blob.size(), Instant.now(), MessageFlags.RECENT);
            folders.advance(locked.id(), uid + 1, modseq);
            messages.recordDelivery(accountId, deliveryKey, locked.id(), uid);
            return new Appended(locked, uid, false);
        });
        if (appended == null) {
            orphanAfterFailedDelivery(blob.id());
            throw new QuotaExceededException();
        }
        if (!appended.duplicate()) {
            events.publishEvent(new FolderChanged(accountId, folder.id(), List.of(appended.uid()), List.of()));
        }
        return appended;
    }

    public List<StoredMessage> messages(long folderId) {
        return messages.inFolder(folderId);
    }

    public InputStream open(StoredMessage message) throws IOException {
        return blobs.open(message.blobId())
                .orElseThrow(() -> new IOException("the body of message " + message.uid() + " is missing from the blob store"));
    }

    /** Removes messages for good (POP3 DELE at QUIT, IMAP EXPUNGE) and releases their quota. */
    public void expunge(long accountId, long folderId, Collection<Long> uids) {
        if (uids.isEmpty()) {
            return;
        }
        Set<Long> wanted = Set.copyOf(uids);
        List<StoredMessage> removed = new java.util.ArrayList<>();
        transaction.executeWithoutResult(status -> {
            Folder locked = folders.lockById(folderId);
            long released = 0;
            for (StoredMessage message : messages.inFolder(folderId)) {
                if (wanted.contains(message.uid())) {
                    messages.delete(message.id());
                    messages.orphanIfUnreferenced(message.blobId());
                    released += message.size();
                    removed.add(message);
                }
            }
            folders.advance(folderId, locked.uidNext(), locked.highestModseq() + 1);
            quotas.release(accountId, released);
        });
        events.publishEvent(new FolderChanged(accountId, folderId, List.of(), removed));
    }

    /** Where an earlier delivery with this key went; the INBOX when the user has since deleted that folder. */
    private Optional<Appended> earlierDelivery(long accountId, String deliveryKey) {
        return messages.delivered(accountId, deliveryKey).map(place -> {
            List<Folder> all = folders.ofAccount(accountId);
            Folder folder = all.stream().filter(f -> f.id() == place[0]).findFirst()
                    .orElseGet(() -> folders.find(accountId, Folders.INBOX).orElseGet(() -> folders.create(accountId, Folders.INBOX, null)));
            return new Appended(folder, place[1], true);
        });
    }

    private void orphanAfterFailedDelivery(String blobId) {
        transaction.executeWithoutResult(status -> messages.orphanIfUnreferenced(blobId));
    }

    /** Deletes blobs that no message has referred to for the grace period. */
    int sweepOrphans(Instant graceStart) {
        int deleted = 0;
        for (String blobId : messages.orphansBefore(graceStart)) {
            try {
                boolean recentlyReused = blobs.lastTouched(blobId).map(t -> t.isAfter(graceStart)).orElse(false);
                if (messages.isReferenced(blobId) || recentlyReused) {
                    if (messages.isReferenced(blobId)) {
                        messages.forgetOrphan(blobId);
                    }
                    continue;
                }
                blobs.delete(blobId);
                messages.forgetOrphan(blobId);
                deleted++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return deleted;
    }
}

package dev.kuvert.mailbox.store;

import dev.kuvert.mailbox.directory.AccountCreated;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
        Optional<Appended> appended = deliverAll(accountId, List.of(new Incoming(deliveryKey, folderName, blob))).getFirst();
        return appended.orElseThrow(QuotaExceededException::new);
    }

    /** A message whose bytes are in the blob store already, for {@link #deliverAll}. */
    public record Incoming(String deliveryKey, String folderName, BlobStore.Blob blob) {}

    /** Whether the blob of this delivery key is needed: false when the key was delivered to the account before. */
    public boolean deliveredBefore(long accountId, String deliveryKey) {
        return messages.delivered(accountId, deliveryKey).isPresent();
    }

    /**
     * Stores several messages for one account in one transaction, each once per delivery key, in order:
     * UIDs ascend in the order given. Each result is the message's place, or empty when the account's quota
     * had no room left for it (a message after it that fits is still stored).
     */
    public List<Optional<Appended>> deliverAll(long accountId, List<Incoming> incoming) {
        Map<String, Folder> targets = new HashMap<>();
        for (Incoming message : incoming) {
            targets.computeIfAbsent(message.folderName(),
                    name -> folders.find(accountId, name).orElseGet(() -> folders.create(accountId, name, null)));
        }
        List<Long> folderIds = targets.values().stream().map(Folder::id).distinct().sorted().toList();
        List<Placement> placements = transaction.execute(status -> {
            Map<Long, Folder> locked = new HashMap<>();
            folderIds.forEach(id -> locked.put(id, folders.lockById(id)));
            Map<String, long[]> earlier = messages.deliveredAll(accountId, incoming.stream().map(Incoming::deliveryKey).distinct().toList());
            Quotas.Usage usage = quotas.lockUsage(accountId);
            Map<Long, long[]> next = new HashMap<>();
            locked.values().forEach(folder -> next.put(folder.id(), new long[] {folder.uidNext(), folder.highestModseq()}));
            Instant now = Instant.now();
            long charged = 0;
            List<Placement> placed = new ArrayList<>();
            List<Messages.NewMessage> rows = new ArrayList<>();
            List<Messages.DeliveryRecord> records = new ArrayList<>();
            for (Incoming message : incoming) {
                long[] before = earlier.get(message.deliveryKey());
                if (before != null) {
                    placed.add(new Placement(before[0], before[1], true));
                    continue;
                }
                if (!usage.allows(charged + message.blob().size())) {
                    placed.add(null);
                    continue;
                }
                Folder folder = targets.get(message.folderName());
                long[] counters = next.get(folder.id());
                long uid = counters[0]++;
                long modseq = ++counters[1];
                charged += message.blob().size();
                rows.add(new Messages.NewMessage(folder.id(), uid, modseq, message.blob().id(), message.blob().size(), now, MessageFlags.RECENT));
                records.add(new Messages.DeliveryRecord(message.deliveryKey(), folder.id(), uid));
                earlier.put(message.deliveryKey(), new long[] {folder.id(), uid});
                placed.add(new Placement(folder.id(), uid, false));
            }
            messages.insertAll(rows);
            next.forEach((folderId, counters) -> {
                Folder folder = locked.get(folderId);
                if (counters[0] != folder.uidNext()) {
                    folders.advance(folderId, counters[0], counters[1]);
                }
            });
            messages.recordDeliveries(accountId, records);
            if (charged > 0) {
                quotas.add(accountId, charged);
            }
            return placed;
        });
        List<Optional<Appended>> results = new ArrayList<>(incoming.size());
        Map<Long, List<Long>> delivered = new TreeMap<>();
        for (int i = 0; i < incoming.size(); i++) {
            Placement placement = placements.get(i);
            if (placement == null) {
                orphanAfterFailedDelivery(incoming.get(i).blob().id());
                results.add(Optional.empty());
            } else if (placement.duplicate()) {
                results.add(earlierDelivery(accountId, incoming.get(i).deliveryKey()));
            } else {
                Folder folder = targets.values().stream().filter(f -> f.id() == placement.folderId()).findFirst().orElseThrow();
                delivered.computeIfAbsent(folder.id(), id -> new ArrayList<>()).add(placement.uid());
                results.add(Optional.of(new Appended(folder, placement.uid(), false)));
            }
        }
        delivered.forEach((folderId, uids) -> events.publishEvent(new FolderChanged(accountId, folderId, uids, List.of())));
        return results;
    }

    private record Placement(long folderId, long uid, boolean duplicate) {}

    public List<StoredMessage> messages(long folderId) {
        return messages.inFolder(folderId);
    }

    /** A folder's messages as uids and sizes, in uid order: {@code uids[i]} has {@code sizes[i]} bytes. */
    public record Listing(long[] uids, long[] sizes) {}

    /** The folder's listing without the rest of the metadata: a POP3 maildrop of 100,000 messages is 1.6 MB this way. */
    public Listing listing(long folderId) {
        return messages.listing(folderId);
    }

    public Optional<StoredMessage> message(long folderId, long uid) {
        return messages.find(folderId, uid);
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

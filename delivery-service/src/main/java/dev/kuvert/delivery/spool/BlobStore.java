package dev.kuvert.delivery.spool;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where queued message bodies live, apart from their metadata (the queue only keeps the key the store
 * gave). The filesystem adapters are the ones we have; an S3-compatible one can follow behind the same port.
 *
 * <p>Durability is split in two so that concurrent writers can share the cost: {@link #write} stores a
 * complete blob that readers see at once, but only {@link #sync} guarantees it survives a crash. A
 * caller commits metadata that refers to a blob only after {@code sync} returned for its key, and one
 * {@code sync} call serves a whole batch of keys (group commit).
 *
 * <p>Space is reclaimed a <em>container</em> at a time: a blob lives in a container shared with other
 * blobs or of its own, and a key's container is the part of the key before its first {@code '.'} (the
 * whole key when it has none), so that the queue can tell in one query which containers pending
 * messages still need.
 */
public interface BlobStore {

    /**
     * Stores {@code content}, read to its end, as a new blob. The blob appears whole or not at all;
     * on any failure nothing refers to what was written.
     *
     * @throws BlobTooLargeException when the content is longer than {@code maxBytes}
     */
    StoredBlob write(InputStream content, long maxBytes) throws IOException;

    /** Makes the blobs {@code keys}, written before, durable. */
    void sync(Collection<String> keys) throws IOException;

    /**
     * @throws java.nio.file.NoSuchFileException when there is no such blob
     * @throws IllegalArgumentException when {@code key} is not a key this store could have given
     */
    InputStream open(String key) throws IOException;

    boolean exists(String key);

    /**
     * Nobody needs the blob any more. Its space comes back when no blob of its container is needed (at
     * once for a container of its own); until then it may still be readable. Releasing twice is harmless.
     */
    void release(String key) throws IOException;

    /** Containers nothing was written to since {@code cutoff}, at most {@code max} of them: candidates for the janitor. */
    List<String> containersIdleSince(Instant cutoff, int max) throws IOException;

    /** Removes a container and every blob in it; nothing happens when it does not exist. */
    void deleteContainer(String container) throws IOException;

    /** Removes what writes that never finished (a crash mid-write) left behind before {@code cutoff}; answers how many. */
    int purgeUnfinishedWrites(Instant cutoff) throws IOException;

    /** The container part of a key (see the class comment). */
    static String containerOf(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** A blob just written: the key to find it by and its length. */
    record StoredBlob(String key, long size) {}
}

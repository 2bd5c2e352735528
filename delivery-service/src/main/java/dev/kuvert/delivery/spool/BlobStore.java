package dev.kuvert.delivery.spool;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where queued message bodies live, apart from their metadata (the queue only keeps a key).
 * The filesystem adapter is the one we have; an S3-compatible one can follow behind the same port.
 *
 * <p>Durability is split in two so that concurrent writers can share the cost: {@link #write} stores a
 * complete blob that readers see at once, but only {@link #sync} guarantees it survives a crash. A
 * caller commits metadata that refers to a blob only after {@code sync} returned for its key, and one
 * {@code sync} call serves a whole batch of keys (group commit).
 */
public interface BlobStore {

    /**
     * Stores {@code content} as the blob {@code key}, read to its end. The blob appears whole or not
     * at all; on any failure nothing is left under {@code key}.
     *
     * @return the number of bytes stored
     * @throws BlobTooLargeException when the content is longer than {@code maxBytes}
     * @throws IllegalArgumentException when {@code key} is not a valid key (letters, digits, {@code . _ -})
     */
    long write(String key, InputStream content, long maxBytes) throws IOException;

    /** Makes the blobs {@code keys}, written before, durable. */
    void sync(Collection<String> keys) throws IOException;

    /** @throws java.nio.file.NoSuchFileException when there is no such blob */
    InputStream open(String key) throws IOException;

    boolean exists(String key);

    /** Removes the blob; nothing happens when it does not exist. */
    void delete(String key) throws IOException;

    /** Keys of blobs stored before {@code cutoff}, at most {@code max} of them: candidates for the janitor. */
    List<String> keysStoredBefore(Instant cutoff, int max) throws IOException;

    /** Removes what writes that never finished (a crash mid-write) left behind before {@code cutoff}; answers how many. */
    int purgeUnfinishedWrites(Instant cutoff) throws IOException;
}

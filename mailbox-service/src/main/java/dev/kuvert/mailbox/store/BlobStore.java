package dev.kuvert.mailbox.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Message bodies, content addressed: a blob's id is the SHA-256 of its bytes, so the same message
 * delivered to many accounts is kept once. {@link #put} returns only once the bytes are durable.
 * The filesystem is the adapter today; an S3-compatible one can follow.
 */
public interface BlobStore {

    /** Stores the stream's bytes durably and returns their id and size; storing bytes that exist already is cheap. */
    Blob put(InputStream content, long maxBytes) throws IOException, TooLargeException;

    /**
     * Stores several blobs held in memory, in order; all of them are durable when it returns. An adapter may
     * make a batch durable at once, which costs less than {@link #put} one at a time.
     */
    default List<Blob> putAll(List<byte[]> contents, long maxBytes) throws IOException, TooLargeException {
        List<Blob> blobs = new ArrayList<>(contents.size());
        for (byte[] content : contents) {
            blobs.add(put(new ByteArrayInputStream(content), maxBytes));
        }
        return blobs;
    }

    /** The blob's bytes, or empty when there is no such blob. */
    Optional<InputStream> open(String id) throws IOException;

    /**
     * The bytes of a blob whose size was recorded when it was stored: exactly {@code size} of them. Nothing
     * is opened before the first read, and nothing stays open once the last byte is read. A malformed id
     * fails at once; a missing or shorter blob fails that first read (or a later one).
     */
    InputStream openWithKnownSize(String id, long size) throws IOException;

    boolean exists(String id);

    void delete(String id) throws IOException;

    /** When the blob was last written or reused; the orphan sweep waits a grace period after it. */
    Optional<Instant> lastTouched(String id) throws IOException;

    record Blob(String id, long size) {}

    final class TooLargeException extends Exception {
        public TooLargeException(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
        }
    }
}

package dev.kuvert.delivery.spool;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small blobs appended to shared segment files, {@code <root>/segments/<segment>}, and addressed as
 * {@code <segment>.<offset>.<length>}; blobs larger than {@link #inlineLimit} (and keys from before
 * segments) are files of their own in a {@link FileSystemBlobStore} under the same root.
 *
 * <p>Why: a file per queued message cost a file creation, an fsync, a directory entry and later an
 * unlink per message, and ext4's inode allocator scans the inodes such churn has just freed: under a
 * sustained load creating the spool files took a quarter of delivery-service's CPU. Appending costs one
 * positional write; {@link #sync} fsyncs each segment a group commit touched once, however many
 * blobs of the batch it holds.
 *
 * <p>Each process appends to segments of its own (their names start with a tag drawn at start), so
 * instances sharing one spool never write to the same file. A segment is sealed once it is full;
 * a sealed segment whose blobs this process wrote have all been released is deleted at once. Blobs
 * released by another instance, after a restart, or never (a hand-off that timed out) are reclaimed
 * by the janitor through {@link #containersIdleSince} and {@link #deleteContainer} once no pending
 * message refers to the segment: a segment holds its space until the last message in it is done.
 *
 * <p>The janitor of another instance cannot tell this process's active segment from an abandoned one,
 * so it relies on the file's age: it only takes segments unwritten for an hour. A segment unwritten for
 * {@code idleRotation} (far less) is therefore never appended to again; the next blob starts a new
 * one. Otherwise a blob could land in a file another instance has just deleted.
 */
public final class SegmentedBlobStore implements BlobStore {
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]{8}-[0-9a-f]{8}");
    private static final Pattern SEGMENT_KEY = Pattern.compile("(" + SEGMENT.pattern() + ")\\.(\\d{1,12})\\.(\\d{1,12})");
    private static final char[] TAG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Path segments;
    private final FileSystemBlobStore files;
    private final int inlineLimit;
    private final long segmentBytes;
    private final Duration idleRotation;
    private final InstantSource clock;
    private final String tag;
    private final Map<String, Segment> written = new HashMap<>();
    private Segment active;
    private int sequence;

    /**
     * @param inlineLimit blobs up to this many bytes are appended to segments (and held in memory meanwhile)
     * @param segmentBytes a segment is sealed when the next blob would take it past this size
     * @param idleRotation a segment nothing was appended to for this long is sealed too; must stay well below
     *     the age at which the janitor deletes unreferenced segments
     */
    public SegmentedBlobStore(Path root, int inlineLimit, long segmentBytes, Duration idleRotation, InstantSource clock) {
        this.segments = root.resolve("segments");
        this.files = new FileSystemBlobStore(root);
        this.inlineLimit = inlineLimit;
        this.segmentBytes = segmentBytes;
        this.idleRotation = idleRotation;
        this.clock = clock;
        this.tag = randomTag();
        try {
            Files.createDirectories(segments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spool under " + root, e);
        }
    }

    @Override
    public StoredBlob write(InputStream content, long maxBytes) throws IOException {
        byte[] head = content.readNBytes((int) Math.min(inlineLimit, maxBytes) + 1);
        if (head.length > maxBytes) {
            throw new BlobTooLargeException(maxBytes);
        }
        if (head.length > inlineLimit) {
            return files.write(new SequenceInputStream(new ByteArrayInputStream(head), content), maxBytes);
        }
        return append(head);
    }

    private StoredBlob append(byte[] blob) throws IOException {
        Segment segment;
        long offset;
        synchronized (this) {
            segment = segmentWithRoomFor(blob.length);
            offset = segment.end;
            segment.end += blob.length;
            segment.writers++;
            segment.live.add(offset);
            segment.lastAppend = clock.instant();
        }
        boolean done = false;
        try {
            ByteBuffer buffer = ByteBuffer.wrap(blob);
            while (buffer.hasRemaining()) {
                segment.channel.write(buffer, offset + buffer.position());
            }
            done = true;
            return new StoredBlob(segment.name + "." + offset + "." + blob.length, blob.length);
        } finally {
            synchronized (this) {
                segment.writers--;
                if (!done) {
                    segment.live.remove(offset);
                }
                deleteIfDone(segment);
            }
        }
    }

    /** The active segment, or a new one when it is too full for {@code length} more bytes or has been idle too long. */
    private Segment segmentWithRoomFor(int length) throws IOException {
        if (active != null && (active.end > 0 && active.end + length > segmentBytes
                || active.lastAppend.plus(idleRotation).isBefore(clock.instant()))) {
            active.sealed = true;
            deleteIfDone(active);
            active = null;
        }
        if (active == null) {
            String name = "%s-%08x".formatted(tag, sequence++);
            Path path = segments.resolve(name);
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try (FileChannel directory = FileChannel.open(segments, StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException e) {
                channel.close();
                Files.deleteIfExists(path);
                throw e;
            }
            active = new Segment(name, path, channel, clock.instant());
            written.put(name, active);
        }
        return active;
    }

    /** Deletes a sealed segment nobody is writing to whose blobs were all released; call holding the lock. */
    private void deleteIfDone(Segment segment) {
        if (!segment.sealed || segment.writers > 0) {
            return;
        }
        closeQuietly(segment.channel);
        if (segment.live.isEmpty()) {
            written.remove(segment.name);
            try {
                Files.deleteIfExists(segment.path);
            } catch (IOException e) {
                // the janitor removes it later
            }
        }
    }

    @Override
    public void sync(Collection<String> keys) throws IOException {
        Set<String> toSync = new LinkedHashSet<>();
        List<String> fileKeys = new ArrayList<>();
        for (String key : keys) {
            Matcher m = SEGMENT_KEY.matcher(key);
            if (m.matches()) {
                toSync.add(m.group(1));
            } else {
                fileKeys.add(key);
            }
        }
        for (String name : toSync) {
            force(name);
        }
        files.sync(fileKeys);
    }

    private void force(String name) throws IOException {
        FileChannel channel;
        synchronized (this) {
            Segment segment = written.get(name);
            channel = segment == null ? null : segment.channel;
        }
        if (channel != null) {
            try {
                channel.force(false);
                return;
            } catch (ClosedChannelException sealedMeanwhile) {
                // fsync through a descriptor of our own below
            }
        }
        try (FileChannel own = FileChannel.open(segments.resolve(name), StandardOpenOption.READ)) {
            own.force(false);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        Matcher m = SEGMENT_KEY.matcher(key == null ? "" : key);
        if (!m.matches()) {
            return files.open(key);
        }
        long offset = Long.parseLong(m.group(2));
        long length = Long.parseLong(m.group(3));
        FileChannel channel = FileChannel.open(segments.resolve(m.group(1)), StandardOpenOption.READ);
        try {
            if (channel.size() < offset + length) {
                throw new NoSuchFileException(key);
            }
            // readers such as the DKIM signer's CRLF normaliser read a byte at a time: one positional read each without this
            return new BufferedInputStream(new Slice(channel, offset, length), (int) Math.clamp(length, 1, 16 * 1024));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public boolean exists(String key) {
        Matcher m = SEGMENT_KEY.matcher(key == null ? "" : key);
        if (!m.matches()) {
            return FileSystemBlobStore.isKey(key) && files.exists(key);
        }
        try {
            return Files.size(segments.resolve(m.group(1))) >= Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void release(String key) throws IOException {
        Matcher m = SEGMENT_KEY.matcher(key == null ? "" : key);
        if (!m.matches()) {
            files.release(key);
            return;
        }
        synchronized (this) {
            Segment segment = written.get(m.group(1));
            if (segment != null) {
                segment.live.remove(Long.parseLong(m.group(2)));
                deleteIfDone(segment);
            }
        }
    }

    @Override
    public List<String> containersIdleSince(Instant cutoff, int max) throws IOException {
        List<String> idle = new ArrayList<>();
        Set<String> beingWritten = new HashSet<>();
        synchronized (this) {
            written.values().stream().filter(s -> !s.sealed || s.writers > 0).forEach(s -> beingWritten.add(s.name));
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(segments)) {
            for (Path file : all) {
                String name = file.getFileName().toString();
                if (idle.size() < max && SEGMENT.matcher(name).matches() && !beingWritten.contains(name)
                        && FileSystemBlobStore.modifiedBefore(file, cutoff)) {
                    idle.add(name);
                }
            }
        }
        idle.addAll(files.containersIdleSince(cutoff, max - idle.size()));
        return idle;
    }

    @Override
    public void deleteContainer(String container) throws IOException {
        if (!SEGMENT.matcher(container).matches()) {
            files.deleteContainer(container);
            return;
        }
        synchronized (this) {
            Segment segment = written.get(container);
            if (segment != null) {
                if (!segment.sealed || segment.writers > 0) {
                    return;
                }
                written.remove(container);
            }
        }
        Files.deleteIfExists(segments.resolve(container));
    }

    @Override
    public int purgeUnfinishedWrites(Instant cutoff) throws IOException {
        return files.purgeUnfinishedWrites(cutoff);
    }

    private static String randomTag() {
        SecureRandom random = new SecureRandom();
        char[] tag = new char[8];
        for (int i = 0; i < tag.length; i++) {
            tag[i] = TAG_ALPHABET[random.nextInt(TAG_ALPHABET.length)];
        }
        return new String(tag);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was left to write through it
        }
    }

    @Override
    public String toString() {
        return "SegmentedBlobStore[" + segments.getParent() + "]";
    }

    /** A segment this process appended to; every field but the final ones is guarded by the store's lock. */
    private static final class Segment {
        final String name;
        final Path path;
        final FileChannel channel;
        final Set<Long> live = new HashSet<>();
        long end;
        int writers;
        boolean sealed;
        Instant lastAppend;

        Segment(String name, Path path, FileChannel channel, Instant created) {
            this.name = name;
            this.path = path;
            this.channel = channel;
            this.lastAppend = created;
        }
    }

    /** One blob of a segment, read through a descriptor of its own with positional reads. */
    private static final class Slice extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        Slice(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(target, off, (int) Math.min(len, end - position)), position);
            if (n < 0) {
                throw new NoSuchFileException("segment ended early at " + position);
            }
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}

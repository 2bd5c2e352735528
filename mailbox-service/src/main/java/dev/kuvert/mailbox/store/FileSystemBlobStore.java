package dev.kuvert.mailbox.store;

import dev.kuvert.support.io.LazyInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blobs as files {@code <root>/ab/cd/<sha256>}: written to a temp file, made durable, renamed into place,
 * and the rename made durable, so that a crash leaves either the whole blob or nothing under its id. One
 * blob is fsynced with its directory; a batch ({@link #putAll}) is made durable with two {@code syncfs}
 * calls for all its blobs where the platform has it (ADR 0004). Reusing an existing blob refreshes its
 * modification time, which the orphan sweep uses as a grace period.
 */
public class FileSystemBlobStore implements BlobStore, AutoCloseable {
    /** Below this many blobs a batch is stored blob by blob: two syncfs calls cost more than a few fsyncs. */
    static final int SYNCFS_BATCH = 4;
    /** Temp files older than this at start are left over from a crash. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    private final Path root;
    private final Path incoming;
    private final Optional<FileSystemSync> fileSystem;
    private final String tempPrefix = "blob-" + Long.toHexString(ProcessHandle.current().pid()) + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
    private final AtomicLong tempCounter = new AtomicLong();
    /** Fan-out directories known to exist: creating them was a mkdir per blob. */
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        this.incoming = this.root.resolve("incoming");
        Files.createDirectories(incoming);
        removeStaleTemps();
        this.fileSystem = FileSystemSync.of(incoming);
    }

    @Override
    public Blob put(InputStream content, long maxBytes) throws IOException, TooLargeException {
        Path temp = newTemp();
        try {
            MessageDigest sha256 = sha256();
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256);
                size = copy(content, out, maxBytes);
                out.flush();
                channel.force(true);
            }
            String id = HexFormat.of().formatHex(sha256.digest());
            Path target = pathOf(id);
            if (Files.exists(target)) {
                touch(target);
                fsyncDirectory(target.getParent()); // another writer may have renamed it without having synced yet
                return new Blob(id, size);
            }
            moveIntoPlace(temp, target);
            temp = null;
            fsyncDirectory(target.getParent());
            return new Blob(id, size);
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public List<Blob> putAll(List<byte[]> contents, long maxBytes) throws IOException, TooLargeException {
        if (fileSystem.isEmpty() || contents.size() < SYNCFS_BATCH) {
            return BlobStore.super.putAll(contents, maxBytes);
        }
        for (byte[] content : contents) {
            if (content.length > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
        }
        List<Blob> blobs = new ArrayList<>(contents.size());
        Map<String, Path> staged = new LinkedHashMap<>();
        boolean reused = false;
        try {
            MessageDigest sha256 = sha256();
            for (byte[] content : contents) {
                String id = HexFormat.of().formatHex(sha256.digest(content));
                blobs.add(new Blob(id, content.length));
                if (staged.containsKey(id)) {
                    continue;
                }
                Path target = pathOf(id);
                if (Files.exists(target)) {
                    touch(target);
                    reused = true;
                    continue;
                }
                Path temp = newTemp();
                staged.put(id, temp);
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer bytes = ByteBuffer.wrap(content);
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
            }
            boolean renaming = !staged.isEmpty();
            if (renaming) {
                fileSystem.get().sync(); // every staged file's bytes are durable before any appears under its id
                try {
                    for (var it = staged.entrySet().iterator(); it.hasNext(); ) {
                        var entry = it.next();
                        moveIntoPlace(entry.getValue(), pathOf(entry.getKey()));
                        it.remove();
                    }
                } catch (IOException | RuntimeException e) {
                    syncQuietly(e); // the renames done so far: a later batch may reuse those blobs
                    throw e;
                }
            }
            if (renaming || reused) {
                fileSystem.get().sync(); // the renames, and any reused blob another writer has not synced yet
            }
            return blobs;
        } finally {
            for (Path temp : staged.values()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public void close() {
        fileSystem.ifPresent(FileSystemSync::close);
    }

    private void syncQuietly(Exception failure) {
        try {
            fileSystem.orElseThrow().sync();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public Optional<InputStream> open(String id) throws IOException {
        if (!isBlobId(id)) {
            return Optional.empty();
        }
        Path path = pathOf(id);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        // opened at the first read: an IMAP FETCH queues every body of its response before writing one
        return Optional.of(new LazyInputStream(() -> Files.newInputStream(path)));
    }

    @Override
    public InputStream openWithKnownSize(String id, long size) throws IOException {
        if (!isBlobId(id)) {
            throw new NoSuchFileException(id, null, "not a blob id");
        }
        return new KnownSizeBlobStream(pathOf(id), size);
    }

    @Override
    public boolean exists(String id) {
        return isBlobId(id) && Files.exists(pathOf(id));
    }

    @Override
    public void delete(String id) throws IOException {
        if (isBlobId(id)) {
            Files.deleteIfExists(pathOf(id));
        }
    }

    @Override
    public Optional<Instant> lastTouched(String id) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(pathOf(id)).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** 64 lower-case hex digits, checked by hand: as a regex it took ~2 % of the CPU of a large FETCH. */
    private static boolean isBlobId(String id) {
        if (id.length() != 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private Path pathOf(String id) {
        return root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
    }

    private Path newTemp() throws IOException {
        return Files.createFile(incoming.resolve(tempPrefix + tempCounter.incrementAndGet() + ".tmp"));
    }

    /**
     * Renames a durable temp file to its id. A blob that appeared meanwhile is replaced by the same bytes
     * (rename(2) is atomic and replaces).
     */
    private void moveIntoPlace(Path temp, Path target) throws IOException {
        Path directory = target.getParent();
        if (!knownDirectories.contains(directory)) {
            Files.createDirectories(directory);
            knownDirectories.add(directory);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException removedMeanwhile) {
            knownDirectories.remove(directory);
            Files.createDirectories(directory);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void touch(Path blob) throws IOException {
        Files.setLastModifiedTime(blob, FileTime.from(Instant.now()));
    }

    private void removeStaleTemps() throws IOException {
        Instant staleBefore = Instant.now().minus(STALE_TEMP);
        try (var temps = Files.newDirectoryStream(incoming, "*.tmp")) {
            for (Path temp : temps) {
                try {
                    if (Files.getLastModifiedTime(temp).toInstant().isBefore(staleBefore)) {
                        Files.deleteIfExists(temp);
                    }
                } catch (NoSuchFileException gone) {
                    // another instance removed it
                }
            }
        }
    }

    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException, TooLargeException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

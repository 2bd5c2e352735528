package dev.kuvert.delivery.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blobs as files, each its own container: {@code <root>/messages/<key>}. A write goes to {@code <root>/tmp}, is fsynced there
 * and renamed into place, so a blob is never seen half-written; {@link #sync} then fsyncs the
 * {@code messages} directory once for however many renames happened before it, which makes their
 * directory entries durable. The same discipline as Postfix's queue files, with the directory fsync
 * shared by a whole group commit.
 */
public final class FileSystemBlobStore implements BlobStore {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final int BUFFER = 16 * 1024;

    private final Path blobs;
    private final Path tmp;

    public FileSystemBlobStore(Path root) {
        this.blobs = root.resolve("messages");
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spool under " + root, e);
        }
    }

    @Override
    public StoredBlob write(InputStream content, long maxBytes) throws IOException {
        String key = "m" + UUID.randomUUID().toString().replace("-", "");
        Path target = path(key);
        Path partial = tmp.resolve(key + "." + UUID.randomUUID() + ".part");
        boolean done = false;
        try {
            long total = 0;
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                ByteBuffer wrapped = ByteBuffer.wrap(buffer);
                int n;
                while ((n = content.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    wrapped.clear().limit(n);
                    while (wrapped.hasRemaining()) {
                        out.write(wrapped);
                    }
                }
                out.force(false);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return new StoredBlob(key, total);
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
    }

    @Override
    public void sync(Collection<String> keys) throws IOException {
        if (keys.isEmpty()) {
            return;
        }
        try (FileChannel directory = FileChannel.open(blobs, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(path(key));
    }

    @Override
    public void release(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public void deleteContainer(String container) throws IOException {
        release(container);
    }

    @Override
    public List<String> containersIdleSince(Instant cutoff, int max) throws IOException {
        List<String> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs)) {
            for (Path file : files) {
                if (keys.size() >= max) {
                    break;
                }
                if (modifiedBefore(file, cutoff)) {
                    keys.add(file.getFileName().toString());
                }
            }
        }
        return keys;
    }

    @Override
    public int purgeUnfinishedWrites(Instant cutoff) throws IOException {
        int purged = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                if (modifiedBefore(file, cutoff) && Files.deleteIfExists(file)) {
                    purged++;
                }
            }
        }
        return purged;
    }

    /** Whether {@code key} names a blob of this store (any other key is refused with an exception). */
    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches() && key.indexOf('.') < 0;
    }

    private Path path(String key) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return blobs.resolve(key);
    }

    /** False for a file that is gone meanwhile. */
    static boolean modifiedBefore(Path file, Instant cutoff) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).lastModifiedTime().toInstant().isBefore(cutoff);
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "FileSystemBlobStore[" + blobs.getParent() + "]";
    }
}

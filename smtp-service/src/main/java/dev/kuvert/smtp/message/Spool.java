package dev.kuvert.smtp.message;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * The bytes of one message while it is received: in memory up to a threshold, then in a file of the
 * spool directory. It holds the message once; {@link #openStream()} reads it without copying.
 */
public final class Spool implements Closeable {
    private final Path directory;
    private final int memoryThreshold;
    private byte[] memory = new byte[1024];
    private long size;
    private Path file;
    private OutputStream fileOut;
    private boolean closed;

    Spool(Path directory, int memoryThreshold) {
        this.directory = directory;
        this.memoryThreshold = memoryThreshold;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("spool already closed");
        }
        if (fileOut == null && size + length > memoryThreshold) {
            file = Files.createTempFile(directory, "msg-", ".eml",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
            fileOut.write(memory, 0, (int) size);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(bytes, offset, length);
        } else {
            if (size + length > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(memoryThreshold, Math.max(size + length, memory.length * 2L)));
            }
            System.arraycopy(bytes, offset, memory, (int) size, length);
        }
        size += length;
    }

    /** Whether {@code length} more bytes would be kept in memory: no file created or written. */
    boolean fitsInMemory(long length) {
        return closed || fileOut == null && size + length <= memoryThreshold;
    }

    public long size() {
        return size;
    }

    /** Whether the message went to a file (it outgrew the memory threshold). */
    public boolean onDisk() {
        return file != null;
    }

    /** A fresh stream over everything written so far; may be called more than once. */
    public InputStream openStream() throws IOException {
        if (closed) {
            throw new IOException("spool already closed");
        }
        if (fileOut != null) {
            fileOut.flush();
            return Files.newInputStream(file);
        }
        return new ByteArrayInputStream(memory, 0, (int) size);
    }

    /** Forgets the message and deletes its file, if any. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory = null;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException ignored) {
            // the file is deleted next
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover is removed at the next start (SpoolDirectory)
            }
        }
    }
}

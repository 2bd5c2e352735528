package dev.kuvert.mailbox.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Exactly {@code size} bytes of a blob file whose size is recorded elsewhere. The file is opened at the
 * first read (an IMAP FETCH queues every body of its response before writing one), read in large
 * positional reads and closed as soon as its last byte is handed out. {@link #available()} answers from the
 * recorded size: Netty's {@code ChunkedStream} asks it several times per chunk, and a file stream answers
 * each time with system calls.
 */
final class KnownSizeBlobStream extends InputStream {
    static final int BUFFER_SIZE = 32 * 1024;
    private final Path path;
    private final long size;
    private FileChannel channel;
    private byte[] buffer;
    private int next;
    private int end;
    private long consumed;
    private boolean closed;

    KnownSizeBlobStream(Path path, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        this.path = path;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        if (remaining() == 0) {
            close();
            return -1;
        }
        if (next == end) {
            fill();
        }
        int b = buffer[next++] & 0xff;
        advance(1);
        return b;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (remaining() == 0) {
            close();
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (next == end) {
            fill();
        }
        int n = Math.min(length, end - next);
        System.arraycopy(buffer, next, target, offset, n);
        next += n;
        advance(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = Math.min(Math.max(n, 0), remaining());
        if (skipped <= end - next) {
            next += (int) skipped;
        } else {
            next = end = 0;
        }
        advance(skipped);
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(remaining(), Integer.MAX_VALUE);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        buffer = null;
        next = end = 0;
        if (channel != null) {
            channel.close();
        }
    }

    private long remaining() {
        return closed ? 0 : size - consumed;
    }

    private void advance(long n) throws IOException {
        consumed += n;
        if (consumed == size) {
            close();
        }
    }

    private void fill() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            buffer = new byte[(int) Math.min(size, BUFFER_SIZE)];
        }
        int wanted = (int) Math.min(buffer.length, remaining());
        ByteBuffer into = ByteBuffer.wrap(buffer, 0, wanted);
        while (into.hasRemaining()) {
            if (channel.read(into, consumed + into.position()) < 0) {
                throw new EOFException(path + " is shorter than its recorded " + size + " bytes");
            }
        }
        next = 0;
        end = wanted;
    }
}

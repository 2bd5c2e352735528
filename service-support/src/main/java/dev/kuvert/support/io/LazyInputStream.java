package dev.kuvert.support.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that opens what it reads (a file) only at its first read, and closes it as soon as it is read to
 * the end. A protocol engine that queues a response of thousands of message bodies before writing any
 * (James's IMAP FETCH) then holds a file descriptor only for the body being written, not for every queued one.
 */
public final class LazyInputStream extends InputStream {
    /** Opens the underlying stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final Opener opener;
    private InputStream in;
    private boolean done;

    public LazyInputStream(Opener opener) {
        this.opener = opener;
    }

    private InputStream in() throws IOException {
        if (in == null) {
            in = opener.open();
        }
        return in;
    }

    @Override
    public int read() throws IOException {
        if (done) {
            return -1;
        }
        int b = in().read();
        if (b < 0) {
            finish();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = in().read(buffer, offset, length);
        if (n < 0) {
            finish();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return done ? 0 : in().skip(n);
    }

    @Override
    public int available() throws IOException {
        return done ? 0 : in().available();
    }

    /** Whether the underlying stream is open now (for tests). */
    boolean isOpen() {
        return in != null && !done;
    }

    private void finish() throws IOException {
        done = true;
        if (in != null) {
            in.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            finish();
        }
    }
}

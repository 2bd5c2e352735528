package dev.kuvert.mailbox.imap.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message's header section read from its full content: the bytes up to and including the blank
 * line that ends it (all of them if there is none). It stops there without knowing the header length
 * beforehand, so headers are read without reading the body (SORT, FETCH of header fields).
 */
final class HeaderSection extends FilterInputStream {
    private int previous = -1;
    private int beforePrevious = -1;
    private boolean ended;

    HeaderSection(InputStream message) {
        super(message);
    }

    /** Whether {@code b} ends the header section, after {@code previous} and {@code beforePrevious}. */
    static boolean endsHeader(int b, int previous, int beforePrevious) {
        return b == '\n' && (previous == '\n' || (previous == '\r' && beforePrevious == '\n'));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (ended) {
            return -1;
        }
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            int b = buffer[offset + i] & 0xff;
            if (endsHeader(b, previous, beforePrevious)) {
                ended = true;
                return i + 1;
            }
            beforePrevious = previous;
            previous = b;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

package dev.kuvert.delivery.transport.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message as it goes on the wire: every line ends in CRLF (a bare LF or a bare CR becomes CRLF), so
 * that what the DKIM signer hashes is exactly what the next hop receives, and no line ending can be
 * read two ways downstream (SMTP smuggling).
 */
public final class CrlfInputStream extends FilterInputStream {
    private int pending = -1;
    private boolean lastWasCr;

    public CrlfInputStream(InputStream in) {
        super(new java.io.BufferedInputStream(in, 16 * 1024));
    }

    @Override
    public int read() throws IOException {
        if (pending >= 0) {
            int b = pending;
            pending = -1;
            lastWasCr = b == '\r';
            return b;
        }
        int b = in.read();
        if (lastWasCr) {
            lastWasCr = false;
            if (b == '\n') {
                return '\n';
            }
            // a bare CR ends its line; the byte read comes next
            pending = b;
            return '\n';
        }
        if (b == '\n') {
            pending = '\n';
            return '\r';
        }
        lastWasCr = b == '\r';
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = 0;
        while (n < length) {
            int b = read();
            if (b < 0) {
                return n == 0 ? -1 : n;
            }
            buffer[offset + n++] = (byte) b;
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

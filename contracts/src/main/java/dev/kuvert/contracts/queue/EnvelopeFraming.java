package dev.kuvert.contracts.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of {@code POST /internal/v1/queue} on delivery-service, so that a message of any size
 * streams in one request with its envelope: one line of envelope JSON (UTF-8, no line breaks,
 * at most {@value #MAX_ENVELOPE_BYTES} bytes) ending in LF, then the message bytes exactly as
 * they will be delivered (CRLF line ends, no dot-stuffing).
 */
public final class EnvelopeFraming {
    public static final String CONTENT_TYPE = "application/vnd.kuvert.envelope+rfc822";
    public static final int MAX_ENVELOPE_BYTES = 64 * 1024;

    private EnvelopeFraming() {}

    public static void writeEnvelopeLine(String envelopeJson, OutputStream out) throws IOException {
        if (envelopeJson.indexOf('\n') >= 0 || envelopeJson.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("the envelope JSON must be one line");
        }
        out.write(envelopeJson.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /** Reads the envelope line; {@code in} is left at the first byte of the message. */
    public static String readEnvelopeLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the request ended inside the envelope line");
            }
            if (line.size() >= MAX_ENVELOPE_BYTES) {
                throw new IOException("the envelope line is longer than " + MAX_ENVELOPE_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}

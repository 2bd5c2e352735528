package dev.kuvert.smtp.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.MailEnvelope;

/**
 * One message as it arrives after {@code DATA}: the lines go through {@link #onLine(byte[])} (RFC 5321
 * §4.5.2 dot-unstuffing, size limit, line-ending check) into a {@link Spool}; the message hooks then add
 * header fields ({@link #addTraceField}, {@link #addField}) that are sent in front of the received bytes.
 *
 * <p>The end of the message is only {@code <CRLF>.<CRLF>}: a {@code .} line counts as the end only when
 * it is exactly {@code .<CRLF>} and the line before it ended in CRLF. A bare CR or LF anywhere marks the
 * whole message as refused ({@link #hasBareLineEnding()}), so a smuggled second message is never split off.
 */
public final class IncomingMessage implements MailEnvelope {
    private enum Section { FIRST_LINE, HEADER, BODY }

    private final MaybeSender sender;
    private final List<MailAddress> recipients;
    private final Spool spool;
    private final long maxSize;
    private final List<String> traceFields = new ArrayList<>();
    private final List<String> addedFields = new ArrayList<>();
    private boolean atLineStart = true;
    private boolean previousLineEndedWithCrlf = true;
    private boolean bareLineEnding;
    private boolean oversize;
    private long receivedBytes;
    private Section section = Section.FIRST_LINE;
    private boolean needsHeaderSeparator;
    private boolean hasMessageId;
    private boolean hasDate;
    private IOException spoolFailure;

    IncomingMessage(MaybeSender sender, List<MailAddress> recipients, Spool spool, long maxSize) {
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.spool = spool;
        this.maxSize = maxSize;
    }

    /**
     * Takes one frame of message data: a whole line with its line ending, or a piece of a long line.
     *
     * @return true when the frame is the end-of-data line (it is not part of the message)
     */
    boolean onLine(byte[] line) {
        int length = line.length;
        boolean complete = length > 0 && line[length - 1] == '\n';
        boolean crlf = complete && length >= 2 && line[length - 2] == '\r';
        if (atLineStart && previousLineEndedWithCrlf && crlf && length == 3 && line[0] == '.') {
            return true;
        }
        int start = atLineStart && length > 0 && line[0] == '.' ? 1 : 0;
        int contentEnd = crlf ? length - 2 : complete ? length - 1 : length;
        if (complete && !crlf) {
            bareLineEnding = true;
        }
        for (int i = start; i < contentEnd && !bareLineEnding; i++) {
            if (line[i] == '\r' || line[i] == '\n') {
                bareLineEnding = true;
            }
        }
        if (atLineStart) {
            scanHeaderLine(line, start, contentEnd, complete);
        }
        store(line, start, length - start);
        if (complete) {
            previousLineEndedWithCrlf = crlf;
        }
        atLineStart = complete;
        return false;
    }

    private void scanHeaderLine(byte[] line, int start, int contentEnd, boolean complete) {
        if (section == Section.BODY) {
            return;
        }
        boolean first = section == Section.FIRST_LINE;
        section = Section.HEADER;
        if (complete && contentEnd == start) {
            section = Section.BODY;
            return;
        }
        if (contentEnd > start && (line[start] == ' ' || line[start] == '\t')) {
            if (first) {
                section = Section.BODY;
                needsHeaderSeparator = true;
            }
            return;
        }
        int colon = -1;
        for (int i = start; i < contentEnd; i++) {
            byte b = line[i];
            if (b == ':') {
                colon = i;
                break;
            }
            if (b < 33 || b > 126) {
                break;
            }
        }
        if (colon <= start) {
            section = Section.BODY;
            needsHeaderSeparator = first;
            return;
        }
        String name = new String(line, start, colon - start, StandardCharsets.US_ASCII);
        hasMessageId |= name.equalsIgnoreCase("Message-ID");
        hasDate |= name.equalsIgnoreCase("Date");
    }

    private void store(byte[] bytes, int offset, int length) {
        if (oversize || spoolFailure != null || length == 0) {
            return;
        }
        if (receivedBytes + length > maxSize) {
            oversize = true;
            spool.close();
            return;
        }
        try {
            spool.write(bytes, offset, length);
            receivedBytes += length;
        } catch (IOException e) {
            spoolFailure = e;
        }
    }

    /** Whether a line of {@code length} bytes would be taken without touching the disk. */
    boolean takesInMemory(int length) {
        return oversize || spoolFailure != null || spool.fitsInMemory(length);
    }

    /** Whether the data held a CR or LF that was not part of a CRLF pair. */
    public boolean hasBareLineEnding() {
        return bareLineEnding;
    }

    public boolean isOversize() {
        return oversize;
    }

    /** The spool could not be written (disk full?): the message cannot be taken. */
    public IOException spoolFailure() {
        return spoolFailure;
    }

    public boolean hasMessageId() {
        return hasMessageId;
    }

    public boolean hasDate() {
        return hasDate;
    }

    /** Adds a trace field ({@code Received}, {@code Received-SPF}) above every field added before it. */
    public void addTraceField(String name, String value) {
        traceFields.addFirst(field(name, value));
    }

    /** Adds a field below the trace fields ({@code Message-ID}, {@code Date}). */
    public void addField(String name, String value) {
        addedFields.add(field(name, value));
    }

    /** {@code value} may be folded (CRLF followed by a space or tab) but must hold no other line break. */
    private static String field(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean folding = c == '\r' && i + 2 < value.length() && value.charAt(i + 1) == '\n'
                    && (value.charAt(i + 2) == ' ' || value.charAt(i + 2) == '\t');
            if (folding) {
                i++;
            } else if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("a header field value must not contain a bare line break");
            }
        }
        return name + ": " + value + "\r\n";
    }

    private byte[] prefix() {
        StringBuilder prefix = new StringBuilder();
        traceFields.forEach(prefix::append);
        addedFields.forEach(prefix::append);
        if (needsHeaderSeparator && !prefix.isEmpty()) {
            prefix.append("\r\n");
        }
        return prefix.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Size of the message as it is handed on: added fields plus the bytes received. */
    @Override
    public long getSize() {
        return prefix().length + receivedBytes;
    }

    public long receivedSize() {
        return receivedBytes;
    }

    @Override
    public List<MailAddress> getRecipients() {
        return recipients;
    }

    @Override
    public MaybeSender getMaybeSender() {
        return sender;
    }

    @Override
    public OutputStream getMessageOutputStream() {
        throw new UnsupportedOperationException("message data arrives through onLine");
    }

    /** The message as it is handed on: the added fields, then the received bytes. A fresh stream on each call. */
    @Override
    public InputStream getMessageInputStream() throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(prefix()), spool.openStream());
    }

    /** Deletes the spooled bytes. */
    void discard() {
        spool.close();
    }
}

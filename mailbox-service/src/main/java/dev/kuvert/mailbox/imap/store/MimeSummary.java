package dev.kuvert.mailbox.imap.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.james.mailbox.store.mail.model.impl.Properties;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * What IMAP needs to know about a message's structure without keeping it in the database: where the
 * body starts, the top-level MIME type and its parameters, and (for text) the number of lines. Read
 * in one pass over the stored bytes, only when a FETCH asks for headers or structure.
 */
record MimeSummary(int bodyStart, Properties properties) {
    private static final LenientFieldParser FIELDS = new LenientFieldParser();
    /** Header sections larger than this are not parsed for MIME parameters (the offset is still exact). */
    private static final int MAX_PARSED_HEADER = 1 << 20;

    static MimeSummary read(InputStream content) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        byte[] buffer = new byte[16 * 1024];
        long offset = 0;
        int bodyStart = -1;
        int previous = -1;
        int beforePrevious = -1;
        long bodyLines = 0;
        int last = -1;
        int n;
        while ((n = content.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xff;
                if (bodyStart < 0) {
                    if (header.size() < MAX_PARSED_HEADER) {
                        header.write(b);
                    }
                    if (HeaderSection.endsHeader(b, previous, beforePrevious)) {
                        bodyStart = (int) Math.min(Integer.MAX_VALUE, offset + 1);
                    }
                    beforePrevious = previous;
                    previous = b;
                } else {
                    if (b == '\n') {
                        bodyLines++;
                    }
                    last = b;
                }
                offset++;
            }
        }
        if (bodyStart < 0) {
            bodyStart = (int) Math.min(Integer.MAX_VALUE, offset);
        }
        if (last >= 0 && last != '\n') {
            bodyLines++;
        }
        return new MimeSummary(bodyStart, properties(header.toByteArray(), bodyLines));
    }

    private static Properties properties(byte[] header, long bodyLines) throws IOException {
        MimeTokenStream parser = new MimeTokenStream(MimeConfig.PERMISSIVE, new DefaultBodyDescriptorBuilder(null, FIELDS, DecodeMonitor.SILENT));
        parser.setRecursionMode(RecursionMode.M_NO_RECURSE);
        parser.parse(new ByteArrayInputStream(header));
        try {
            EntityState state = parser.next();
            while (state != EntityState.T_BODY && state != EntityState.T_END_OF_STREAM && state != EntityState.T_START_MULTIPART) {
                state = parser.next();
            }
        } catch (MimeException e) {
            throw new IOException("unparseable message header", e);
        }
        MaximalBodyDescriptor descriptor = (MaximalBodyDescriptor) parser.getBodyDescriptor();
        String mediaType = descriptor.getMediaType() == null ? "text" : descriptor.getMediaType();
        String subType = descriptor.getMediaType() == null ? "plain" : descriptor.getSubType();
        PropertyBuilder builder = new PropertyBuilder();
        builder.setMediaType(mediaType);
        builder.setSubType(subType);
        builder.setContentID(descriptor.getContentId());
        builder.setContentDescription(descriptor.getContentDescription());
        builder.setContentLocation(descriptor.getContentLocation());
        builder.setContentMD5(descriptor.getContentMD5Raw());
        builder.setContentTransferEncoding(descriptor.getTransferEncoding());
        builder.setContentLanguage(descriptor.getContentLanguage());
        builder.setContentDispositionType(descriptor.getContentDispositionType());
        builder.setContentDispositionParameters(descriptor.getContentDispositionParameters());
        builder.setContentTypeParameters(descriptor.getContentTypeParameters());
        if (descriptor.getCharset() != null) {
            builder.setCharset(descriptor.getCharset());
        } else if ("text".equalsIgnoreCase(mediaType)) {
            builder.setCharset("us-ascii");
        }
        if ("text".equalsIgnoreCase(mediaType)) {
            builder.setTextualLineCount(bodyLines);
        }
        return builder.build();
    }
}

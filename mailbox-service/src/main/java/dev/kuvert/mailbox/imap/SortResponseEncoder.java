package dev.kuvert.mailbox.imap;

import java.io.IOException;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imap.encode.ImapResponseComposer;

/** James's response encoder, plus SORT's responses ({@link SortResponse}, {@link SortResponse.BadCharset}). */
final class SortResponseEncoder implements ImapEncoder {
    private final ImapEncoder james;

    SortResponseEncoder(ImapEncoder james) {
        this.james = james;
    }

    @Override
    public void encode(ImapMessage message, ImapResponseComposer composer) throws IOException {
        switch (message) {
            case SortResponse sort -> sort(sort, composer);
            case SortResponse.BadCharset refusal -> badCharset(refusal, composer);
            default -> james.encode(message, composer);
        }
    }

    private static void sort(SortResponse sort, ImapResponseComposer composer) throws IOException {
        composer.untagged();
        composer.commandName(SortRequest.COMMAND);
        for (long number : sort.numbers()) {
            composer.message(number);
        }
        if (sort.highestModSeq() != null) {
            composer.openParen();
            composer.message("MODSEQ");
            composer.message(sort.highestModSeq().asLong());
            composer.closeParen();
        }
        composer.end();
    }

    private static void badCharset(SortResponse.BadCharset refusal, ImapResponseComposer composer) throws IOException {
        composer.tag(refusal.tag());
        composer.message("NO");
        composer.openSquareBracket();
        composer.message("BADCHARSET");
        composer.openParen();
        for (String charset : SortCommandParser.CHARSETS) {
            composer.message(charset);
        }
        composer.closeParen();
        composer.closeSquareBracket();
        composer.commandName(SortRequest.COMMAND);
        composer.message("failed. Only US-ASCII and UTF-8 are supported.");
        composer.end();
    }
}

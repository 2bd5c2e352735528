package dev.kuvert.mailbox.imap;

import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * The base subject SORT compares (RFC 5256 §2.1): the subject without reply and forward markers,
 * list tags and trailing "(fwd)". The grammar (§5), whose literal strings match in any case:
 * <pre>
 * subj-refwd      = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"
 * subj-blob       = "[" *BLOBCHAR "]" *WSP
 * subj-fwd-hdr    = "[fwd:"
 * subj-fwd-trl    = "]"
 * subj-leader     = (*subj-blob subj-refwd) / WSP
 * subj-trailer    = "(fwd)" / WSP
 * BLOBCHAR        = %x01-5a / %x5c / %x5e-ff   ; any CHAR8 except '[' and ']'
 * </pre>
 */
final class BaseSubject {
    private static final String FWD_HEADER = "[fwd:";
    private static final String FWD_TRAILER = "]";
    private static final String FWD_PARENS = "(fwd)";

    private BaseSubject() {}

    /** The base subject of a raw (possibly folded and RFC 2047 encoded) Subject header value. */
    static String of(String subject) {
        // (1) decode encoded-words; tabs and continuations become spaces, runs of spaces one space
        String text = DecoderUtil.decodeEncodedWords(MimeUtil.unfold(subject), DecodeMonitor.SILENT)
                .replaceAll("[\\t\\r\\n ]+", " ");
        while (true) {
            text = withoutTrailers(text);
            String before;
            do {
                before = text;
                text = withoutBlob(withoutLeader(text));
            } while (!text.equals(before));
            if (text.regionMatches(true, 0, FWD_HEADER, 0, FWD_HEADER.length()) && text.endsWith(FWD_TRAILER)) {
                // (6) "[fwd: ...]" around the rest: unwrap and start over from (2)
                text = text.substring(FWD_HEADER.length(), text.length() - FWD_TRAILER.length());
            } else {
                return text;
            }
        }
    }

    /** (2) Every trailing "(fwd)" and space, repeatedly. */
    private static String withoutTrailers(String text) {
        while (true) {
            if (text.endsWith(" ")) {
                text = text.substring(0, text.length() - 1);
            } else if (text.regionMatches(true, text.length() - FWD_PARENS.length(), FWD_PARENS, 0, FWD_PARENS.length())) {
                text = text.substring(0, text.length() - FWD_PARENS.length());
            } else {
                return text;
            }
        }
    }

    /** (3) One leading subj-leader: a space, or "re:", "fw:", "fwd:" after any number of blobs. */
    private static String withoutLeader(String text) {
        if (text.startsWith(" ")) {
            return text.substring(1);
        }
        int at = 0;
        int afterBlob;
        while ((afterBlob = afterBlob(text, at)) > at) {
            at = afterBlob;
        }
        String lower = text.substring(at, Math.min(text.length(), at + 3)).toLowerCase(Locale.ROOT);
        if (lower.startsWith("re") || lower.startsWith("fw")) {
            at += lower.startsWith("fwd") ? 3 : 2;
        } else {
            return text;
        }
        at = afterSpaces(text, at);
        at = afterBlob(text, at);
        return at < text.length() && text.charAt(at) == ':' ? text.substring(at + 1) : text;
    }

    /** (4) A leading subj-blob, when what follows it is a non-empty subject of its own. */
    private static String withoutBlob(String text) {
        int end = afterBlob(text, 0);
        return end > 0 && end < text.length() ? text.substring(end) : text;
    }

    /** Where a subj-blob (with its trailing spaces) starting at {@code at} ends, or {@code at} if none starts there. */
    private static int afterBlob(String text, int at) {
        if (at >= text.length() || text.charAt(at) != '[') {
            return at;
        }
        for (int i = at + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ']') {
                return afterSpaces(text, i + 1);
            }
            if (c == '[') {
                return at;
            }
        }
        return at;
    }

    private static int afterSpaces(String text, int at) {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at;
    }
}

package dev.kuvert.mailbox.imap;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapCommandParser;
import org.apache.james.imap.decode.ImapCommandParserFactory;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.main.DefaultImapDecoder;
import org.apache.james.imap.decode.parser.ImapParserFactory;
import org.apache.james.imap.decode.parser.SearchCommandParser;
import org.apache.james.imap.decode.parser.UidCommandParser;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;

/**
 * Parses SORT and UID SORT (RFC 5256 §3):
 * <pre>
 * sort            = ["UID" SP] "SORT" SP sort-criteria SP search-criteria
 * sort-criteria   = "(" sort-criterion *(SP sort-criterion) ")"
 * sort-criterion  = ["REVERSE" SP] sort-key
 * sort-key        = "ARRIVAL" / "CC" / "DATE" / "FROM" / "SIZE" / "SUBJECT" / "TO"
 * search-criteria = charset 1*(SP search-key)
 * </pre>
 * The search keys are parsed by James's SEARCH parser, which this one extends: James's UID parser
 * only hands {@code UID <command>} to subclasses of its own (package-private) UID-capable parser.
 * Plain SORT does not go through James's {@code parse}, whose refusals would name SEARCH.
 * A charset other than US-ASCII or UTF-8 is refused with {@link SortResponse.BadCharset}; anything
 * malformed is answered BAD and the session goes on.
 */
final class SortCommandParser extends SearchCommandParser {
    /** The charsets SORT accepts, as BADCHARSET lists them. */
    static final List<String> CHARSETS = List.of("US-ASCII", "UTF-8");
    private static final List<Charset> SUPPORTED = List.of(StandardCharsets.US_ASCII, StandardCharsets.UTF_8);
    private final StatusResponseFactory responses;

    private SortCommandParser(StatusResponseFactory responses) {
        super(responses);
        this.responses = responses;
    }

    /** James's command decoder with SORT and UID SORT added. */
    static ImapDecoder decoder() {
        UnpooledStatusResponseFactory responses = new UnpooledStatusResponseFactory();
        ImapParserFactory james = new ImapParserFactory(responses);
        SortCommandParser sort = new SortCommandParser(responses);
        UidCommandParser uid = new UidCommandParser(name -> isSort(name) ? sort : james.getParser(name), responses);
        ImapCommandParser plainSort = sort::parseSort;
        ImapCommandParserFactory commands = name -> {
            if (isSort(name)) {
                return plainSort;
            }
            return name.equalsIgnoreCase("UID") ? uid : james.getParser(name);
        };
        return new DefaultImapDecoder(responses, commands);
    }

    private static boolean isSort(String commandName) {
        return commandName.equalsIgnoreCase(SortRequest.COMMAND.getName());
    }

    /** Plain SORT: what James's {@code parse} does, with refusals that name SORT rather than SEARCH. */
    private ImapMessage parseSort(ImapRequestLineReader request, Tag tag, ImapSession session) {
        if (!SortRequest.COMMAND.validForState(session.getState())) {
            return responses.taggedNo(tag, SortRequest.COMMAND, HumanReadableText.INVALID_COMMAND);
        }
        return decode(request, tag, false, session);
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, boolean useUids, ImapSession session) {
        try {
            List<SortRequest.Key> keys = sortCriteria(request);
            space(request);
            Optional<Charset> charset = supported(request.astring());
            if (charset.isEmpty()) {
                return new SortResponse.BadCharset(tag);
            }
            space(request);
            return new SortRequest(tag, useUids, keys, searchKeys(request, session, charset.get()));
        } catch (DecodingException e) {
            return responses.taggedBad(tag, SortRequest.COMMAND, e.getKey());
        }
    }

    private static List<SortRequest.Key> sortCriteria(ImapRequestLineReader request) throws DecodingException {
        request.nextWordChar();
        request.consumeChar('(');
        List<SortRequest.Key> keys = new ArrayList<>();
        boolean reverse = false;
        while (true) {
            String word = request.atom().toUpperCase(Locale.ROOT);
            if (word.equals("REVERSE") && !reverse) {
                reverse = true;
            } else {
                keys.add(new SortRequest.Key(criterion(word), reverse));
                reverse = false;
            }
            if (request.nextChar() == ')' && !reverse) {
                request.consume();
                return keys;
            }
            space(request);
        }
    }

    /** Consumes one space, never the line's end (James consumes the rest of the line after a BAD). */
    private static void space(ImapRequestLineReader request) throws DecodingException {
        if (request.nextChar() != ' ') {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Expected a space");
        }
        request.consume();
    }

    private static SortRequest.Criterion criterion(String word) throws DecodingException {
        for (SortRequest.Criterion criterion : SortRequest.Criterion.values()) {
            if (criterion.name().equals(word)) {
                return criterion;
            }
        }
        throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "Unknown sort key: " + word);
    }

    private static Optional<Charset> supported(String name) {
        try {
            return Optional.of(Charset.forName(name)).filter(SUPPORTED::contains);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** One or more search keys up to the end of the line, ANDed; their strings are in the given charset. */
    private SearchKey searchKeys(ImapRequestLineReader request, ImapSession session, Charset charset) throws DecodingException {
        Context context = new Context();
        context.setCharset(charset);
        List<SearchKey> keys = new ArrayList<>();
        do {
            request.nextWordChar();
            keys.add(searchKey(session, request, context, false));
        } while (request.nextChar() == ' ');
        request.eol();
        return keys.size() == 1 ? keys.getFirst() : SearchKey.buildAnd(keys);
    }
}

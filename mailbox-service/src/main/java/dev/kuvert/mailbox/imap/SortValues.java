package dev.kuvert.mailbox.imap;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SORT compares for one message (RFC 5256 §3), worked out once per message, so that sorting a
 * large mailbox reads each header section once rather than at every comparison. Only the values the
 * request sorts by are filled in; the header section is not read at all for ARRIVAL and SIZE.
 * Strings are kept as i;unicode-casemap octets (RFC 5051; for ASCII the same as i;ascii-casemap, the
 * RFC 5256 baseline), the default comparator of a server that announces I18NLEVEL=1 (RFC 5255 §4.5),
 * as James does.
 *
 * @param number what the response reports (sequence number, or UID for UID SORT): both ascend in
 *     mailbox order, so ties are broken by it, as RFC 5256 §3 asks
 * @param sent the Date header in milliseconds since the epoch (UTC), or the arrival time when it is
 *     missing or cannot be parsed (RFC 5256 §2.2)
 * @param cc addr-mailbox of the first Cc address; likewise {@code from} and {@code to}
 * @param subject the base subject (RFC 5256 §2.1)
 */
record SortValues(long number, long arrival, long size, long sent, byte[] cc, byte[] from, byte[] subject, byte[] to) {
    private static final Logger log = LoggerFactory.getLogger(SortValues.class);
    private static final byte[] EMPTY = new byte[0];

    static SortValues of(MessageResult message, long number, Set<SortRequest.Criterion> criteria) {
        long arrival = message.getInternalDate().getTime();
        Map<String, String> headers = criteria.stream().anyMatch(SortRequest.Criterion::readsHeaders) ? headers(message) : Map.of();
        long sent = criteria.contains(SortRequest.Criterion.DATE) ? sentDate(headers.get("date"), arrival) : arrival;
        String subject = criteria.contains(SortRequest.Criterion.SUBJECT) ? headers.get("subject") : null;
        return new SortValues(number, arrival, message.getSize(), sent, addrMailbox(criteria, SortRequest.Criterion.CC, headers),
                addrMailbox(criteria, SortRequest.Criterion.FROM, headers), subject == null ? EMPTY : casemap(BaseSubject.of(subject)),
                addrMailbox(criteria, SortRequest.Criterion.TO, headers));
    }

    /** The request's order: its keys in turn, then the message's place in the mailbox. */
    static Comparator<SortValues> order(List<SortRequest.Key> keys) {
        Comparator<SortValues> order = (a, b) -> 0;
        for (SortRequest.Key key : keys) {
            Comparator<SortValues> one = switch (key.criterion()) {
                case ARRIVAL -> Comparator.comparingLong(SortValues::arrival);
                case CC -> Comparator.comparing(SortValues::cc, Arrays::compareUnsigned);
                case DATE -> Comparator.comparingLong(SortValues::sent);
                case FROM -> Comparator.comparing(SortValues::from, Arrays::compareUnsigned);
                case SIZE -> Comparator.comparingLong(SortValues::size);
                case SUBJECT -> Comparator.comparing(SortValues::subject, Arrays::compareUnsigned);
                case TO -> Comparator.comparing(SortValues::to, Arrays::compareUnsigned);
            };
            order = order.thenComparing(key.reverse() ? one.reversed() : one);
        }
        return order.thenComparingLong(SortValues::number);
    }

    /**
     * A string prepared for i;unicode-casemap (RFC 5051 §2): each character title-cased, then
     * decomposed, as UTF-8 octets to be compared unsigned. ASCII letters are simply upper-cased.
     */
    static byte[] casemap(String text) {
        if (text.chars().allMatch(c -> c < 0x80)) {
            return text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder titled = new StringBuilder(text.length());
        text.codePoints().forEach(c -> titled.appendCodePoint(Character.toTitleCase(c)));
        StringBuilder result = new StringBuilder(titled.length());
        Normalizer.normalize(titled, Normalizer.Form.NFKD).codePoints().forEach(c -> result.appendCodePoint(Character.toTitleCase(c)));
        return result.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first Date, From, To, Cc and Subject fields, by lower-case name. */
    private static Map<String, String> headers(MessageResult message) {
        Map<String, String> found = new HashMap<>();
        try {
            Iterator<Header> headers = message.getHeaders().headers();
            while (headers.hasNext()) {
                Header header = headers.next();
                String name = header.getName().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "date", "from", "to", "cc", "subject" -> found.putIfAbsent(name, header.getValue());
                    default -> {
                        // not a sort key
                    }
                }
            }
        } catch (MailboxException | RuntimeException e) {
            log.warn("SORT: cannot read the header of message {}; sorting it as if it had none", message.getUid(), e);
        }
        return found;
    }

    private static long sentDate(String value, long arrival) {
        if (value == null) {
            return arrival;
        }
        Date date = DateTimeFieldLenientImpl.PARSER.parse(new RawField("Date", MimeUtil.unfold(value)), DecodeMonitor.SILENT).getDate();
        return date == null ? arrival : date.getTime();
    }

    /**
     * The IMAP addr-mailbox of the first address in the field (RFC 3501 §7.4.2): the local part of a
     * mailbox, the name of a group; empty when the request does not sort by that field.
     */
    private static byte[] addrMailbox(Set<SortRequest.Criterion> criteria, SortRequest.Criterion field, Map<String, String> headers) {
        String value = criteria.contains(field) ? headers.get(field.name().toLowerCase(Locale.ROOT)) : null;
        if (value == null) {
            return EMPTY;
        }
        AddressList addresses = LenientAddressParser.DEFAULT.parseAddressList(MimeUtil.unfold(value));
        if (addresses == null || addresses.isEmpty()) {
            return EMPTY;
        }
        Address first = addresses.get(0);
        String mailbox = switch (first) {
            case Mailbox m -> m.getLocalPart();
            case Group g -> g.getName();
            default -> null;
        };
        return mailbox == null ? EMPTY : casemap(mailbox);
    }
}

package dev.kuvert.smtp.message;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting for header fields smtp-service writes. */
public final class HeaderValues {
    /** RFC 5322 §3.3 date-time with a numeric zone. */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private HeaderValues() {}

    public static String dateTime(ZonedDateTime time) {
        return DATE_TIME.format(time);
    }

    /** An RFC 5321 address literal: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
    public static String addressLiteral(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return address instanceof Inet6Address ? "[IPv6:" + text + "]" : "[" + text + "]";
    }

    /**
     * Text a client chose (its HELO name, a login) made safe inside a header comment: printable ASCII
     * without parentheses, backslashes or semicolons, at most 255 characters.
     */
    public static String clientText(String text) {
        if (text == null || text.isBlank()) {
            return "unknown";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), 255));
        for (int i = 0; i < text.length() && safe.length() < 255; i++) {
            char c = text.charAt(i);
            boolean printable = c > 32 && c < 127 && c != '(' && c != ')' && c != '\\' && c != ';' && c != '"';
            safe.append(printable ? c : '?');
        }
        return safe.toString();
    }
}

package dev.kuvert.contracts.mail;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Domain names as Kuvert stores them: lower-case ASCII, internationalised names converted to
 * their punycode (A-label) form per IDNA, at least two labels, no trailing dot.
 */
public final class DomainName {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC_TLD = Pattern.compile("[0-9]+");

    private DomainName() {}

    /** @throws IllegalArgumentException with a message fit for a user when the name is not a valid mail domain */
    public static String toAscii(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a domain name is required");
        }
        String trimmed = name.strip();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name.strip() + "' is not a valid domain name");
        }
        if (ascii.length() > 253) {
            throw new IllegalArgumentException("a domain name has at most 253 characters");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("'" + name.strip() + "' is not a fully qualified domain name (e.g. example.com)");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + name.strip() + "' is not a valid domain name");
            }
        }
        if (NUMERIC_TLD.matcher(labels[labels.length - 1]).matches()) {
            throw new IllegalArgumentException("'" + name.strip() + "' is an address, not a domain name");
        }
        return ascii;
    }

    /** The Unicode (U-label) form of an ASCII domain, for display. */
    public static String toUnicode(String ascii) {
        return IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
    }
}

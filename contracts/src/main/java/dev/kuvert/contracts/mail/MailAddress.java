package dev.kuvert.contracts.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A mailbox address {@code local@domain} in Kuvert's canonical form: the local part is an RFC 5322
 * dot-atom of at most 64 characters, kept lower-case (Kuvert's addresses are case-insensitive, as in
 * Postfix's virtual maps), and the domain is in its ASCII form ({@link DomainName}).
 */
public record MailAddress(String localPart, String domain) {
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    /** @throws IllegalArgumentException with a message fit for a user */
    public static MailAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("an address is required");
        }
        String trimmed = address.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a mail address (local-part@domain)");
        }
        String local = trimmed.substring(0, at);
        if (local.length() > 64 || !DOT_ATOM.matcher(local).matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a valid mail address");
        }
        String domain;
        try {
            domain = DomainName.toAscii(trimmed.substring(at + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a valid mail address: " + e.getMessage());
        }
        return new MailAddress(local.toLowerCase(Locale.ROOT), domain);
    }

    /** The address without a {@code +detail} suffix ({@code bob+lists@x} → {@code bob@x}), or itself when it has none. */
    public MailAddress withoutDetail() {
        int plus = localPart.indexOf('+');
        return plus > 0 ? new MailAddress(localPart.substring(0, plus), domain) : this;
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}

package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.mail.DomainName;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.support.ApiProblem;
import java.net.Inet6Address;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns user input into canonical names, or a 422 that names the field. */
final class Validation {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private Validation() {}

    static String domain(String field, String input) {
        try {
            return DomainName.toAscii(input);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, capitalized(e.getMessage()) + ".");
        }
    }

    static MailAddress address(String field, String input) {
        try {
            return MailAddress.parse(input);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, capitalized(e.getMessage()) + ".");
        }
    }

    /**
     * A server to connect to: a fully qualified host name (stored in ASCII), an IPv4 address in dotted-quad form, or
     * an IPv6 address, with or without brackets (stored without).
     */
    static String host(String field, String input) {
        String host = input == null ? "" : input.strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (IPV4.matcher(host).matches()) {
            return host;
        }
        try {
            if (host.contains(":")) {
                Inet6Address.ofLiteral(host);
                return host.toLowerCase(Locale.ROOT);
            }
            return DomainName.toAscii(host);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, "'" + input + "' is neither a fully qualified host name nor an IP address.");
        }
    }

    /** An optional single-line value of at most {@code max} characters; null when absent or blank. */
    static String line(String field, String input, int max) {
        if (input == null || input.isBlank()) {
            return null;
        }
        if (input.length() > max || input.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.invalid(field, "The " + field.toLowerCase(Locale.ROOT) + " must be at most " + max + " printable characters.");
        }
        return input;
    }

    /** A path segment that cannot be valid is simply not found. */
    static String domainOrNotFound(String input) {
        try {
            return DomainName.toAscii(input);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No domain '" + input + "'.");
        }
    }

    private static String capitalized(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}

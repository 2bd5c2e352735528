package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.mail.DomainName;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.support.ApiProblem;

/** Turns user input into canonical names, or a 422 that names the field. */
final class Validation {
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

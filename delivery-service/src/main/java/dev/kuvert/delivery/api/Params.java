package dev.kuvert.delivery.api;

import dev.kuvert.contracts.mail.DomainName;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.support.ApiProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Query parameters of the queue and log API, checked so that a bad one is a 422 naming it. */
final class Params {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private Params() {}

    static RecipientState state(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return RecipientState.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, "'" + value + "' is not one of QUEUED, IN_FLIGHT, DELIVERED, DEFERRED, FAILED.");
        }
    }

    static int limit(String value) {
        return number("limit", value, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    static int offset(String value) {
        return number("offset", value, 0, 0, Integer.MAX_VALUE);
    }

    /** An ISO-8601 instant ({@code 2026-11-26T10:00:00Z}, with an offset, or a UTC date-time or date). */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw ApiProblem.invalid(field, "'" + value + "' is not an ISO-8601 time such as 2026-11-26T10:00:00Z.");
                }
            }
        }
    }

    /** A whole address (canonical), a domain (ASCII), or {@code <>} for the null sender where allowed. */
    static String addressOrDomain(String field, String value, boolean nullSenderAllowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (nullSenderAllowed && text.equals("<>")) {
            return text;
        }
        try {
            if (text.contains("@")) {
                return MailAddress.parse(text.startsWith("<") && text.endsWith(">") ? text.substring(1, text.length() - 1) : text).toString();
            }
            return DomainName.toAscii(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, e.getMessage());
        }
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number < min || number > max) {
                throw ApiProblem.invalid(field, field + " must be between " + min + " and " + max + ".");
            }
            return number;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid(field, "'" + value + "' is not a number.");
        }
    }
}

package dev.kuvert.mailbox.directory;

import dev.kuvert.support.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a mail password must be: 10 to 72 bytes (bcrypt's limit), not one repeated character or a
 * well-known password, and not the account's own address or local part.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = Set.of("password", "password1", "password12", "password123", "1234567890",
            "0123456789", "qwertyuiop", "qwertzuiop", "azertyuiop", "iloveyou12", "letmein123", "welcome123",
            "administrator", "changeme123", "passw0rd123", "1q2w3e4r5t", "abcdefghij", "0987654321");

    private PasswordPolicy() {}

    static void check(String password, String address) {
        if (password == null || password.isEmpty()) {
            throw ApiProblem.invalid("password", "A password is required.");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ApiProblem.invalid("password", "The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiProblem.invalid("password", "The password must have at most " + MAX_BYTES + " bytes.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.codePoints().distinct().count() < 4 || COMMON.contains(lower)) {
            throw ApiProblem.invalid("password", "The password is too easy to guess.");
        }
        String localPart = address.substring(0, address.indexOf('@'));
        if (lower.equals(address) || lower.equals(localPart) || lower.contains(address)) {
            throw ApiProblem.invalid("password", "The password must not be the address.");
        }
    }
}

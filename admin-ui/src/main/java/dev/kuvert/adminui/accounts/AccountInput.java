package dev.kuvert.adminui.accounts;

import java.util.Locale;

/** What the account form's fields mean for the API. */
final class AccountInput {
    static final long MIB = 1024L * 1024L;

    private AccountInput() {}

    /**
     * The address to create: a local part alone ({@code anna}) is completed with the selected domain;
     * a full address ({@code anna@example.com}) is taken as typed, and the gateway checks its domain.
     */
    static String address(String typed, String domain) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty() || value.contains("@") || domain == null || domain.isBlank()) {
            return value;
        }
        return value + "@" + domain.strip().toLowerCase(Locale.ROOT);
    }

    /** A quota typed in MiB as bytes; no value means the platform's default quota. */
    static Long quotaBytes(Integer mebibytes) {
        if (mebibytes == null) {
            return null;
        }
        if (mebibytes < 0) {
            throw new IllegalArgumentException("A quota cannot be negative.");
        }
        return mebibytes * MIB;
    }

    /** Blank means "no display name". */
    static String displayName(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        return typed.strip();
    }
}

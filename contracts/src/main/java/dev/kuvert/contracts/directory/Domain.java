package dev.kuvert.contracts.directory;

import java.time.Instant;

/** A mail domain as the API shows it. {@code name} is the ASCII (punycode) form, {@code displayName} the Unicode one. */
public record Domain(String name, String displayName, String dkimSelector, long accounts, long aliases, Instant createdAt) {}

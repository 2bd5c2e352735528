package dev.kuvert.contracts.directory;

import java.time.Instant;

/** A mail account as the API shows it; never carries the password or its hash. */
public record Account(
        String address, String domain, String displayName, long quotaBytes, long usedBytes, boolean enabled, Instant createdAt) {}

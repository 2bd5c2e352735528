package dev.kuvert.contracts.access;

import java.time.Instant;

public record ApiToken(String id, String name, String owner, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}

package dev.kuvert.contracts.access;

import java.time.Instant;

/** The only time the secret {@code token} is shown; the server keeps only its hash. */
public record TokenCreated(String id, String name, String token, Instant expiresAt) {}

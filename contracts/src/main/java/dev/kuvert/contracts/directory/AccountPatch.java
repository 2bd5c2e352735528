package dev.kuvert.contracts.directory;

import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code PATCH /api/v1/accounts/{address}}: only the fields present change. */
public record AccountPatch(String password, String displayName, @PositiveOrZero Long quotaBytes, Boolean enabled) {}

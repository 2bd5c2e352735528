package dev.kuvert.contracts.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/** Body of {@code POST /api/v1/tokens}; the token acts with its creator's rights. No lifetime means it never expires. */
public record TokenRequest(@NotBlank String name, @Positive Long lifetimeSeconds) {}

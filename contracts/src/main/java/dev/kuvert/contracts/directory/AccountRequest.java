package dev.kuvert.contracts.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code POST /api/v1/accounts}. {@code quotaBytes} 0 or absent means the default quota. */
public record AccountRequest(
        @NotBlank String address, @NotBlank String password, String displayName, @PositiveOrZero Long quotaBytes) {}

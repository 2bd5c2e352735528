package dev.kuvert.contracts.directory;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /api/v1/domains}. Unicode (IDN) names are accepted and stored in their ASCII form. */
public record DomainRequest(@NotBlank String name) {}

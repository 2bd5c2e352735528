package dev.kuvert.contracts.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/** Body of {@code POST /api/v1/aliases}. {@code @example.test} is the domain's catch-all. */
public record AliasRequest(@NotBlank String address, @NotEmpty List<String> destinations) {}

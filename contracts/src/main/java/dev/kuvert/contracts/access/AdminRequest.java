package dev.kuvert.contracts.access;

import jakarta.validation.constraints.NotBlank;
import java.util.List;

/** Body of {@code POST /api/v1/admins}: a domain administrator limited to {@code domains} (super-admins only). */
public record AdminRequest(@NotBlank String username, @NotBlank String password, List<String> domains) {}

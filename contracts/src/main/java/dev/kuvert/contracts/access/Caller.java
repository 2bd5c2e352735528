package dev.kuvert.contracts.access;

import java.util.List;

/** The signed-in API caller, as {@code GET /api/v1/me} shows it. {@code domains} is empty for a super-admin (all domains). */
public record Caller(String username, boolean superAdmin, List<String> domains, String authenticatedBy) {}

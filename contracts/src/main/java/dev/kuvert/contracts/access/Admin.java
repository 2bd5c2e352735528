package dev.kuvert.contracts.access;

import java.time.Instant;
import java.util.List;

public record Admin(String username, boolean superAdmin, List<String> domains, Instant createdAt) {}

package dev.kuvert.contracts.directory;

import java.time.Instant;
import java.util.List;

public record Alias(String address, String domain, boolean catchAll, List<String> destinations, Instant createdAt) {}

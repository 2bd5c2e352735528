package dev.kuvert.contracts.directory;

import java.time.Instant;

/** A domain's own smarthost as the API shows it: never the password, only whether one is set. */
public record DomainRelay(String domain, String host, int port, RelayTls tls, String username, boolean passwordSet, Instant updatedAt) {}

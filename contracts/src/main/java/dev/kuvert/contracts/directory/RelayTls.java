package dev.kuvert.contracts.directory;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How Kuvert speaks TLS to a domain's smarthost. */
public enum RelayTls {
    /** STARTTLS, and nothing is sent when the relay does not offer it. */
    @JsonProperty("starttls")
    STARTTLS,
    /** TLS from the first byte (submissions, usually port 465). */
    @JsonProperty("implicit")
    IMPLICIT,
    /** In clear, for a relay on a trusted network; never with credentials. */
    @JsonProperty("none")
    NONE
}

package dev.kuvert.adminui.gateway;

import java.io.Serializable;
import java.time.Instant;

/**
 * The API token the portal created for one sign-in; every REST call of that session presents it
 * as a bearer token, and signing out revokes it. The secret never appears in {@link #toString()}.
 */
public record SessionToken(String id, String secret, Instant expiresAt) implements Serializable {
    @Override
    public String toString() {
        return "SessionToken[id=" + id + ", expiresAt=" + expiresAt + "]";
    }
}

package dev.kuvert.delivery.transport.smtp;

import dev.kuvert.delivery.DeliveryProperties;

/**
 * A relay that takes mail instead of the recipients' mail exchangers: the global one ({@code KUVERT_RELAY_*}) or the
 * one a domain of ours has for its senders. Credentials are only ever sent under TLS.
 *
 * @param verifyCertificate whether its certificate must be valid for {@code host}
 * @param user null when it takes no credentials
 */
public record Smarthost(String host, int port, Tls tls, boolean verifyCertificate, String user, String password) {

    public enum Tls {
        /** TLS from the first byte. */
        IMPLICIT,
        /** STARTTLS, and nothing is sent without it. */
        STARTTLS,
        /** STARTTLS when offered, else in clear. */
        OPPORTUNISTIC,
        /** In clear. */
        NONE
    }

    public Smarthost {
        if (user != null && (tls == Tls.OPPORTUNISTIC || tls == Tls.NONE)) {
            throw new IllegalArgumentException("credentials for " + host + " are never sent in clear");
        }
    }

    /** The global relay, or null when none is set. */
    public static Smarthost of(DeliveryProperties.Relay relay) {
        if (relay == null || !relay.enabled()) {
            return null;
        }
        Tls tls;
        if (relay.tlsOnConnect()) {
            tls = Tls.IMPLICIT;
        } else if (relay.authenticates() || relay.verifyCertificate()) {
            tls = Tls.STARTTLS;
        } else {
            tls = Tls.OPPORTUNISTIC;
        }
        return new Smarthost(relay.host().strip(), relay.port(), tls, relay.verifyCertificate(),
                relay.authenticates() ? relay.user() : null, relay.password());
    }

    public boolean authenticates() {
        return user != null;
    }

    boolean requiresTls() {
        return tls == Tls.IMPLICIT || tls == Tls.STARTTLS;
    }

    /**
     * Names the relay for connection reuse and the concurrency limit: two domains that use the same relay with other
     * credentials never share a connection.
     */
    String key() {
        return "relay " + (user == null ? "" : user + "@") + host + ":" + port + " " + tls;
    }

    @Override
    public String toString() {
        return "Smarthost[" + key() + "]";
    }
}

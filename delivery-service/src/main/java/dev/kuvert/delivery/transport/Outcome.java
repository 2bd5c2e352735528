package dev.kuvert.delivery.transport;

/**
 * What one delivery attempt came to. The response is an SMTP-style reply text (code, enhanced
 * status, words) that the log and the API show and a bounce quotes; it stays generic so that it
 * discloses nothing of the next hop's internals.
 */
public sealed interface Outcome {
    String response();

    /** The next hop that was tried, or null when none could be. */
    String remoteHost();

    /** The TLS protocol used towards it, or null. */
    String tls();

    /** Taken by the next hop: final. */
    record Delivered(String response, String remoteHost, String tls) implements Outcome {}

    /** Failed for now: try again later. */
    record Deferred(String response, String remoteHost, String tls) implements Outcome {}

    /** Failed for good: final, the sender is told. */
    record Failed(String response, String remoteHost, String tls) implements Outcome {}

    static Deferred deferred(String response) {
        return new Deferred(response, null, null);
    }

    static Failed failed(String response) {
        return new Failed(response, null, null);
    }
}

package dev.kuvert.smtp.handoff;

/** What became of a hand-off to delivery-service. */
public sealed interface HandOffResult {
    /** Committed and fsynced by delivery-service. */
    record Queued(String queueId) implements HandOffResult {}

    /** delivery-service will never take this message (413: too large). */
    record Refused(int status) implements HandOffResult {}

    /** Not queued now (down, slow, 503, any other answer); the client must keep the message. */
    record Failed(String reason) implements HandOffResult {}
}

package dev.kuvert.contracts.queue;

/**
 * delivery-service's internal hand-off endpoint, used by smtp-service (service credential required):
 *
 * <pre>
 * POST /internal/v1/queue
 * Content-Type: application/vnd.kuvert.envelope+rfc822      (body framed by {@link EnvelopeFraming})
 * → 201 {"queueId": "..."}   only after the database commit and the fsync of the body
 * → 400 problem              malformed envelope
 * → 413 problem              larger than the queue accepts
 * → 503 problem              cannot queue now (the client keeps the message: SMTP 451)
 * </pre>
 *
 * It streams a body of any size, so it has no {@code @HttpExchange} form; this type only names the path.
 */
public final class QueueInternalClient {
    public static final String PATH = "/internal/v1/queue";

    private QueueInternalClient() {}
}

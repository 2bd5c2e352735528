package dev.kuvert.contracts.store;

import java.util.List;

/**
 * mailbox-service's internal endpoint for several messages to one account in one request (service credential
 * required), so that their metadata is committed in one transaction:
 *
 * <pre>
 * POST /internal/v1/accounts/{address}/deliveries
 * Content-Type: application/vnd.kuvert.delivery-batch
 * body: per message, one line of {@link Part} JSON ending in LF (framed as {@code EnvelopeFraming}), then exactly
 *       {@code size} message bytes; at most {@value #MAX_PARTS} messages
 * → 200 {@link Result}    one {@link PartResult} per part, in order: 201 stored, 200 duplicate (this queue id was
 *                          delivered to this account before), 507 over quota, 413 too large
 * → 404 problem           no such account (every part: 550 5.1.1)
 * → 5xx / no answer       nothing is known: retry every part (each is stored at most once per queue id)
 * </pre>
 */
public final class DeliveryBatch {
    public static final String PATH = "/internal/v1/accounts/{address}/deliveries";
    public static final String CONTENT_TYPE = "application/vnd.kuvert.delivery-batch";
    public static final int MAX_PARTS = 64;

    private DeliveryBatch() {}

    /** One message of a batch: its queue id (the idempotency key), target folder, envelope sender and length. */
    public record Part(String queueId, String folder, String sender, long size) {}

    /** The outcome of one part; {@code folder} and {@code uid} are set for 200 and 201. */
    public record PartResult(int status, String folder, long uid) {
        public boolean stored() {
            return status == 200 || status == 201;
        }
    }

    public record Result(String account, List<PartResult> parts) {}
}

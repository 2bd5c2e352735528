package dev.kuvert.contracts.queue;

import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The queue and the delivery log (delivery-service, through the gateway). A domain administrator
 * sees the messages whose sender or recipient is in one of their domains, and of those only the
 * recipients in their domains unless the sender is.
 */
@HttpExchange("/api/v1")
public interface QueueClient {
    /**
     * Messages in the queue, newest first; with {@code state}, only those with a recipient in that
     * state. {@code limit} 1–500 (default 50).
     */
    @GetExchange("/queue")
    QueuePage list(
            @RequestParam(required = false) RecipientState state,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset);

    /** 404 when there is no such message or the caller may not see it. */
    @GetExchange("/queue/{queueId}")
    QueuedMessage get(@PathVariable String queueId);

    /** Makes the message's queued and deferred recipients due now; answers the message. */
    @PostExchange("/queue/{queueId}/retry")
    QueuedMessage retry(@PathVariable String queueId);

    /** Removes the message and its body from the queue; nothing more is delivered. 204. */
    @DeleteExchange("/queue/{queueId}")
    void delete(@PathVariable String queueId);

    /**
     * Delivery attempts, newest first. {@code sender} and {@code recipient} match a whole address, or
     * every address of a domain when given without {@code @}; {@code from} (inclusive) and {@code to}
     * (exclusive) are ISO-8601 instants.
     */
    @GetExchange("/logs/deliveries")
    DeliveryLogPage deliveries(
            @RequestParam(required = false) String sender,
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) RecipientState status,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer offset);
}

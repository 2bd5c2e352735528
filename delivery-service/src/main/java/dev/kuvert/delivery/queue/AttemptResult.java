package dev.kuvert.delivery.queue;

import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.delivery.transport.Route;
import java.time.Instant;

/**
 * What an attempt on a claimed recipient came to, as the queue records it.
 *
 * @param recipient the address delivered to (may differ from the claim's after resolution)
 * @param state DELIVERED, DEFERRED or FAILED
 * @param nextAttemptAt set when DEFERRED
 */
record AttemptResult(
        Claim claim,
        String recipient,
        Route route,
        RecipientState state,
        String response,
        String remoteHost,
        String tls,
        Instant attemptedAt,
        Instant nextAttemptAt) {}

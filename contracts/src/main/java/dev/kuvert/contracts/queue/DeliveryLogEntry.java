package dev.kuvert.contracts.queue;

import java.time.Instant;

/**
 * One delivery attempt.
 *
 * @param status {@code DELIVERED}, {@code DEFERRED} or {@code FAILED}
 * @param remoteHost the next hop that was tried (for local delivery: the mailbox service), or null
 * @param tls the TLS protocol of that connection, or null when none was used
 * @param response the answer of the next hop, or why no attempt could be made
 */
public record DeliveryLogEntry(
        long id,
        String queueId,
        String sender,
        String recipient,
        String originalRecipient,
        RecipientState status,
        String remoteHost,
        String tls,
        String response,
        Instant attemptedAt) {}

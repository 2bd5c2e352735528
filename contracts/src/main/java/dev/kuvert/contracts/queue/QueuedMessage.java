package dev.kuvert.contracts.queue;

import java.time.Instant;
import java.util.List;

/**
 * A message in delivery-service's queue, with the state of each recipient.
 *
 * @param queueId the id smtp-service reported in its {@code 250} reply
 * @param sender the envelope sender; empty for the null sender {@code <>}
 * @param sizeBytes size of the message as queued
 * @param clientAddress IP address of the SMTP client that handed it in
 * @param authenticatedAccount the submitting account, or null when received as MX
 * @param expiresAt when undelivered recipients are given up
 * @param completedAt when the last recipient reached a final state (the body is then deleted), or null
 * @param recipients the recipients the caller may see
 */
public record QueuedMessage(
        String queueId,
        String sender,
        long sizeBytes,
        String clientAddress,
        String authenticatedAccount,
        Instant receivedAt,
        Instant expiresAt,
        Instant completedAt,
        List<QueuedRecipient> recipients) {
    public QueuedMessage {
        recipients = List.copyOf(recipients);
    }
}

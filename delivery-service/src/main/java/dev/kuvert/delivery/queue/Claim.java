package dev.kuvert.delivery.queue;

import dev.kuvert.delivery.transport.Route;
import java.time.Instant;

/**
 * A recipient this instance leased for delivery.
 *
 * @param route null until the recipient was resolved against the directory
 * @param attempts attempts made before this one
 * @param authenticatedAccount the submitting account, null for mail received as MX
 * @param retry whether it was taken from the deferred set (it counts against the retry share of the window)
 */
record Claim(
        long recipientId,
        String queueId,
        String sender,
        String recipient,
        String originalRecipient,
        Route route,
        int attempts,
        boolean retry,
        String blobKey,
        long sizeBytes,
        Instant expiresAt,
        String authenticatedAccount) {}

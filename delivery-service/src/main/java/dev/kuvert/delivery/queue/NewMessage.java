package dev.kuvert.delivery.queue;

import dev.kuvert.contracts.mail.MailAddress;
import java.time.Instant;
import java.util.List;

/** A message handed off, its body already in the blob store, waiting for its group commit. */
record NewMessage(
        String queueId,
        MailAddress sender,
        long sizeBytes,
        String blobKey,
        String clientAddress,
        String helo,
        String authenticatedAccount,
        String listener,
        Instant receivedAt,
        Instant expiresAt,
        List<MailAddress> recipients) {}

package dev.kuvert.contracts.queue;

import java.time.Instant;

/**
 * One recipient of a queued message as the API shows it.
 *
 * @param recipient the address delivered to (an alias is expanded into one entry per destination)
 * @param originalRecipient the address as given in the SMTP envelope
 * @param attempts how many delivery attempts were made
 * @param nextAttemptAt when it is tried next; null unless {@code QUEUED} or {@code DEFERRED}
 * @param lastAttemptAt when it was last tried, or null
 * @param lastResponse the answer of the last attempt (an SMTP-style reply text), or null
 */
public record QueuedRecipient(
        String recipient,
        String originalRecipient,
        RecipientState state,
        int attempts,
        Instant nextAttemptAt,
        Instant lastAttemptAt,
        String lastResponse) {}

package dev.kuvert.contracts.queue;

/**
 * Where one recipient of a queued message stands. {@link #DELIVERED} and {@link #FAILED} are final;
 * the others mean the queue still holds the message for this recipient.
 */
public enum RecipientState {
    /** Accepted, not attempted yet. */
    QUEUED,
    /** A delivery-service instance is delivering it right now (it holds a lease on it). */
    IN_FLIGHT,
    /** Delivered to the next hop (stored in the mailbox, or accepted by the remote server). */
    DELIVERED,
    /** The last attempt failed temporarily; it is tried again at {@code nextAttemptAt}. */
    DEFERRED,
    /** Permanently failed, or given up after the maximum queue lifetime. */
    FAILED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }
}

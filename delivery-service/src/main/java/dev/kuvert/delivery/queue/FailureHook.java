package dev.kuvert.delivery.queue;

import java.time.Instant;
import java.util.List;

/**
 * Told when recipients of a message have failed for good (a permanent failure, or the maximum queue
 * lifetime reached), after that is committed and while the message body is still in the spool: the
 * place for the bounce (an RFC 3464 DSN to the sender: {@code bounce.BounceSender}). Every bean of this
 * type is told, in order; without any, failures are only logged. Called on the thread that recorded the failure; it must do
 * its work (e.g. queue the DSN) before it returns, because the body may be deleted right after.
 * Messages from the null sender must never be bounced.
 */
public interface FailureHook {

    void recipientsFailed(FailedRecipients failed);

    /**
     * Recipients of a message are still deferred after {@code KUVERT_DELAY_WARNING} (4 hours): the place
     * for a delay notice. Told once per message, never for the null sender. Nothing by default.
     */
    default void recipientsDelayed(DelayedRecipients delayed) {}

    /**
     * @param recipients the recipients deferred, each with its last reply
     * @param expiresAt until when delivery goes on being tried
     */
    record DelayedRecipients(String queueId, String sender, String blobKey, List<FailedRecipient> recipients, Instant expiresAt) {}

    /**
     * @param sender empty for the null sender
     * @param blobKey the body in the {@link dev.kuvert.delivery.spool.BlobStore}
     */
    record FailedRecipients(String queueId, String sender, String blobKey, List<FailedRecipient> recipients) {}

    /** @param response the reason, an SMTP-style reply text */
    record FailedRecipient(String recipient, String originalRecipient, String response, Instant failedAt) {}
}

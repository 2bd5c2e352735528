package dev.kuvert.delivery.queue;

import java.time.Instant;
import java.util.List;

/**
 * Told when recipients of a message have failed for good (a permanent failure, or the maximum queue
 * lifetime reached), after that is committed and while the message body is still in the spool: the
 * place for the bounce (an RFC 3464 DSN to the sender, issue 5). Declare a bean of this type to
 * replace the default, which only logs. Called on the thread that recorded the failure; it must do
 * its work (e.g. queue the DSN) before it returns, because the body may be deleted right after.
 * Messages from the null sender must never be bounced.
 */
public interface FailureHook {

    void recipientsFailed(FailedRecipients failed);

    /**
     * @param sender empty for the null sender
     * @param blobKey the body in the {@link dev.kuvert.delivery.spool.BlobStore}
     */
    record FailedRecipients(String queueId, String sender, String blobKey, List<FailedRecipient> recipients) {}

    /** @param response the reason, an SMTP-style reply text */
    record FailedRecipient(String recipient, String originalRecipient, String response, Instant failedAt) {}
}

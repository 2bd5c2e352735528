package dev.kuvert.delivery.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Until bounces exist: permanent failures are logged (they are also in the delivery log and the queue API). */
final class LoggingFailureHook implements FailureHook {
    private static final Logger log = LoggerFactory.getLogger(LoggingFailureHook.class);

    @Override
    public void recipientsFailed(FailedRecipients failed) {
        for (FailedRecipient r : failed.recipients()) {
            log.info("{}: delivery to <{}> failed for good, no bounce sent yet: {}", failed.queueId(), r.recipient(), r.response());
        }
    }
}

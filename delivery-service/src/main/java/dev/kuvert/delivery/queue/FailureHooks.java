package dev.kuvert.delivery.queue;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells every {@link FailureHook} in turn; one that fails does not keep the others from being told. */
final class FailureHooks implements FailureHook {
    private static final Logger log = LoggerFactory.getLogger(FailureHooks.class);
    private final List<FailureHook> hooks;

    FailureHooks(List<FailureHook> hooks) {
        this.hooks = List.copyOf(hooks);
    }

    @Override
    public void recipientsDelayed(DelayedRecipients delayed) {
        for (FailureHook hook : hooks) {
            try {
                hook.recipientsDelayed(delayed);
            } catch (RuntimeException e) {
                log.error("{}: the failure hook {} failed", delayed.queueId(), hook.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void recipientsFailed(FailedRecipients failed) {
        for (FailureHook hook : hooks) {
            try {
                hook.recipientsFailed(failed);
            } catch (RuntimeException e) {
                log.error("{}: the failure hook {} failed", failed.queueId(), hook.getClass().getSimpleName(), e);
            }
        }
    }
}

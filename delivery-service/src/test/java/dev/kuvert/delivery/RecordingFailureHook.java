package dev.kuvert.delivery;

import dev.kuvert.delivery.queue.FailureHook;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link FailureHook} that remembers what the queue reported as failed for good. */
public class RecordingFailureHook implements FailureHook {
    private final List<FailedRecipients> calls = new CopyOnWriteArrayList<>();

    @Override
    public void recipientsFailed(FailedRecipients failed) {
        calls.add(failed);
    }

    public List<FailedRecipients> callsFor(String queueId) {
        return calls.stream().filter(c -> c.queueId().equals(queueId)).toList();
    }
}

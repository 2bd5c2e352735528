package dev.kuvert.delivery.queue;

import dev.kuvert.delivery.spool.BlobStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the results of delivery attempts, group-committed like hand-offs: a recipient's new state and
 * its log row, the message's completion; then, after the commit, tells the {@link FailureHook} and
 * deletes the bodies of completed messages. While the database cannot take a result it is tried again;
 * if that takes too long the recipient stays leased and comes back with the lease (delivering it again
 * is harmless: local delivery is idempotent).
 */
final class OutcomeRecorder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(15);

    private final QueueStore store;
    private final Transactions tx;
    private final BlobStore blobs;
    private final FailureHook hook;
    private final String owner;
    private final Duration lease;
    private final Duration warnAfter;
    private final GroupCommitter<AttemptResult> committer;
    private volatile boolean stopping;

    OutcomeRecorder(QueueStore store, Transactions tx, BlobStore blobs, FailureHook hook, InstanceId owner, Duration lease, int maxBatch) {
        this(store, tx, blobs, hook, owner, lease, maxBatch, Duration.ZERO);
    }

    /** @param warnAfter the age of a deferred message at which its sender is warned of the delay (zero: never) */
    OutcomeRecorder(QueueStore store, Transactions tx, BlobStore blobs, FailureHook hook, InstanceId owner, Duration lease, int maxBatch,
            Duration warnAfter) {
        this.warnAfter = warnAfter;
        this.store = store;
        this.tx = tx;
        this.blobs = blobs;
        this.hook = hook;
        this.owner = owner.value();
        this.lease = lease;
        this.committer = new GroupCommitter<>("queue-outcomes", maxBatch, this::commit);
    }

    /**
     * Records the result, trying again while the database is unavailable, for at most half the lease
     * (after that the lease brings the recipient back anyway); false when it could not be written.
     */
    boolean record(AttemptResult result) {
        Instant giveUp = Instant.now().plus(lease.dividedBy(2));
        Duration pause = Duration.ofSeconds(1);
        while (true) {
            GroupCommitter.Result outcome;
            try {
                outcome = committer.submit(result).await(WAIT);
            } catch (IllegalStateException stopped) {
                break;
            }
            if (outcome == GroupCommitter.Result.COMMITTED) {
                return true;
            }
            if (stopping || Instant.now().plus(pause).isAfter(giveUp) || !pause(pause)) {
                break;
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
        log.warn("{}: the result for <{}> could not be recorded; it returns to the queue when its lease ends",
                result.claim().queueId(), result.recipient());
        return false;
    }

    private void commit(List<AttemptResult> batch) throws GroupCommitter.NotCommittedException {
        QueueStore.Recorded recorded = tx.run(() -> store.record(batch, owner, warnAfter));
        for (QueueStore.FailedBatch failed : recorded.failures()) {
            try {
                hook.recipientsFailed(new FailureHook.FailedRecipients(failed.queueId(), failed.sender(), failed.blobKey(),
                        failed.results().stream()
                                .map(r -> new FailureHook.FailedRecipient(r.recipient(), r.claim().originalRecipient(), r.response(),
                                        r.attemptedAt()))
                                .toList()));
            } catch (RuntimeException e) {
                log.error("{}: the failure hook failed", failed.queueId(), e);
            }
        }
        for (QueueStore.FailedBatch delayed : recorded.delayed()) {
            try {
                hook.recipientsDelayed(new FailureHook.DelayedRecipients(delayed.queueId(), delayed.sender(), delayed.blobKey(),
                        delayed.results().stream()
                                .map(r -> new FailureHook.FailedRecipient(r.recipient(), r.claim().originalRecipient(), r.response(),
                                        r.attemptedAt()))
                                .toList(),
                        delayed.results().getFirst().claim().expiresAt()));
            } catch (RuntimeException e) {
                log.error("{}: the failure hook failed on a delay", delayed.queueId(), e);
            }
        }
        for (QueueStore.Completed completed : recorded.completed()) {
            releaseBody(blobs, completed.queueId(), completed.blobKey());
        }
    }

    static void releaseBody(BlobStore blobs, String queueId, String key) {
        try {
            blobs.release(key);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: cannot release its body {} (the janitor will): {}", queueId, key, e.toString());
        }
    }

    /** Waits before trying again; false when told to stop meanwhile. */
    private boolean pause(Duration duration) {
        synchronized (this) {
            try {
                if (!stopping) {
                    wait(duration.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !stopping;
        }
    }

    /** The instance is stopping: results that cannot be written now are left to the lease, not tried again. */
    void stopRetrying() {
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
    }

    /** Started again (a paused instance resumes): retry as usual. */
    void resumeRetrying() {
        stopping = false;
    }

    /** How many group commits wrote how many items. */
    GroupCommitStats commitStats() {
        return new GroupCommitStats(committer.committedBatches(), committer.committedItems());
    }

    @Override
    public void close() {
        committer.close();
    }
}

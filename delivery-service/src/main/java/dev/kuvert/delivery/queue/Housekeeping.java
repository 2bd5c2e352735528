package dev.kuvert.delivery.queue;

import dev.kuvert.delivery.log.DeliveryLog;
import dev.kuvert.delivery.spool.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The janitor, every few minutes: completes messages whose completion a crash skipped, removes
 * blob containers no pending message refers to (a hand-off that failed after writing its body, a
 * release a crash skipped, segments whose messages another instance completed) and half-written
 * bodies, forgets completed messages after their retention time and delivery log entries after theirs.
 * Containers written to within {@link #GRACE} are never touched, so a hand-off still waiting for its commit
 * keeps its body.
 */
final class Housekeeping implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    static final Duration GRACE = Duration.ofHours(1);
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final int BATCH = 500;
    private static final int LOG_BATCH = 10_000;

    private final QueueStore store;
    private final Transactions tx;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration retainCompleted;
    private final DeliveryLog deliveryLog;
    private final Duration retainLog;
    private ScheduledExecutorService scheduler;

    Housekeeping(QueueStore store, Transactions tx, BlobStore blobs, Clock clock, Duration retainCompleted, DeliveryLog deliveryLog,
            Duration retainLog) {
        this.store = store;
        this.tx = tx;
        this.blobs = blobs;
        this.clock = clock;
        this.retainCompleted = retainCompleted;
        this.deliveryLog = deliveryLog;
        this.retainLog = retainLog;
    }

    void runOnce() {
        Instant now = clock.instant();
        for (String id : store.completedButUnmarked(BATCH)) {
            tx.execute(() -> store.completeIfDone(id, now))
                    .ifPresent(done -> OutcomeRecorder.releaseBody(blobs, done.queueId(), done.blobKey()));
        }
        try {
            blobs.purgeUnfinishedWrites(now.minus(GRACE));
            List<String> idle = blobs.containersIdleSince(now.minus(GRACE), BATCH);
            Set<String> inUse = store.containersInUse(idle);
            for (String container : idle) {
                if (!inUse.contains(container)) {
                    blobs.deleteContainer(container);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot clean the spool: {}", e.toString());
        }
        List<String> purged = tx.execute(() -> store.purgeCompletedBefore(now.minus(retainCompleted), BATCH));
        purged.forEach(key -> OutcomeRecorder.releaseBody(blobs, key, key));
        Instant logCutoff = now.minus(retainLog);
        int removed;
        do { // in batches: a busy day's log in one transaction would hold its locks for long
            removed = tx.execute(() -> deliveryLog.purgeBefore(logCutoff, LOG_BATCH));
        } while (removed == LOG_BATCH);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("queue-housekeeping").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("Queue housekeeping failed: {}", e.toString());
            }
        }, 1, INTERVAL.toMinutes(), TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}

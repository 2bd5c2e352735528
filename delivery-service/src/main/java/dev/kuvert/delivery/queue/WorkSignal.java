package dev.kuvert.delivery.queue;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Tells the {@link QueueRunner} that work is due now (new mail, a retry requested, a free slot with a backlog). Signals coalesce. */
final class WorkSignal {
    private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);

    void workDue() {
        signal.offer(Boolean.TRUE);
    }

    /** Waits until work is due or {@code timeout} passed. */
    void await(Duration timeout) throws InterruptedException {
        signal.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}

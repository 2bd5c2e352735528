package dev.kuvert.smtp.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's protocol work that may block (a directory lookup, the queue hand-off, an
 * authentication delay) one task at a time, in the order submitted, on a virtual thread that exists
 * only while there is work: no thread, queue timer or shutdown per connection. Whenever it runs out of
 * work it reports how many tasks it has finished so far, so that the connection's I/O thread knows
 * when everything it handed over is done.
 */
final class SessionWorker {
    private static final Logger log = LoggerFactory.getLogger(SessionWorker.class);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final LongConsumer caughtUp;
    private long finished;

    /** @param caughtUp called on the worker thread with the number of tasks finished when the queue ran empty */
    SessionWorker(LongConsumer caughtUp) {
        this.caughtUp = caughtUp;
    }

    void submit(Runnable task) {
        tasks.add(task);
        if (draining.compareAndSet(false, true)) {
            Thread.ofVirtual().name("smtp-session").start(this::drain);
        }
    }

    private void drain() {
        do {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("An SMTP session task failed", e);
                }
                finished++;
            }
            caughtUp.accept(finished);
            draining.set(false);
        } while (!tasks.isEmpty() && draining.compareAndSet(false, true));
    }
}

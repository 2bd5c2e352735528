package dev.kuvert.delivery.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: many threads submit items, one committer thread writes whatever has accumulated as one
 * batch (one directory fsync, one database transaction), then releases all of their waiters. Under
 * no load a batch is a single item and adds no delay; under load the batches grow by themselves
 * while the previous commit runs, so the cost of an fsync is shared by everyone who arrived during it.
 *
 * <p>A waiter that gives up before the committer took its item withdraws it: such an item is never
 * committed, so its caller may clean up. A waiter that gives up later cannot know.
 */
final class GroupCommitter<T> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /** Writes one batch; throws {@link NotCommittedException} when it knows nothing of the batch was committed. */
    @FunctionalInterface
    interface Batch<T> {
        void commit(List<T> items) throws Exception;
    }

    /** Thrown by a {@link Batch} that failed before anything could have been committed (a rollback). */
    static final class NotCommittedException extends Exception {
        NotCommittedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    enum Result {
        COMMITTED,
        /** Definitely not committed: the batch rolled back, or the waiter withdrew the item in time. */
        NOT_COMMITTED,
        /** Failed or timed out while being committed: it may or may not have been. */
        UNKNOWN
    }

    private final String name;
    private final int maxBatch;
    private final Batch<T> batch;
    private final BlockingQueue<Ticket<T>> pending = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final LongAdder batches = new LongAdder();
    private final LongAdder committed = new LongAdder();

    GroupCommitter(String name, int maxBatch, Batch<T> batch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.batch = batch;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    Ticket<T> submit(T item) {
        if (!running) {
            throw new IllegalStateException(name + " is stopped");
        }
        Ticket<T> ticket = new Ticket<>(item);
        pending.add(ticket);
        return ticket;
    }

    private void run() {
        List<Ticket<T>> taken = new ArrayList<>(maxBatch);
        while (running || !pending.isEmpty()) {
            try {
                Ticket<T> first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                pending.drainTo(taken, maxBatch - 1);
                List<Ticket<T>> live = new ArrayList<>(taken.size());
                List<T> items = new ArrayList<>(taken.size());
                for (Ticket<T> ticket : taken) {
                    if (ticket.take()) {
                        live.add(ticket);
                        items.add(ticket.item);
                    }
                }
                taken.clear();
                if (!items.isEmpty()) {
                    commit(live, items);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                log.error("{}: unexpected failure", name, e);
            }
        }
        Ticket<T> left;
        while ((left = pending.poll()) != null) {
            if (left.take()) {
                left.finish(Result.NOT_COMMITTED, new IllegalStateException(name + " stopped"));
            }
        }
    }

    private void commit(List<Ticket<T>> tickets, List<T> items) {
        Result result;
        Throwable failure = null;
        try {
            batch.commit(items);
            result = Result.COMMITTED;
            batches.increment();
            committed.add(items.size());
        } catch (NotCommittedException e) {
            result = Result.NOT_COMMITTED;
            failure = e.getCause();
        } catch (Throwable e) {
            result = Result.UNKNOWN;
            failure = e;
        }
        if (failure != null) {
            log.warn("{}: a batch of {} failed ({}): {}", name, items.size(), result, failure.toString());
        }
        for (Ticket<T> ticket : tickets) {
            ticket.finish(result, failure);
        }
    }

    /** Batches committed so far; {@link #committedItems()} divided by it is the average group size. */
    long committedBatches() {
        return batches.sum();
    }

    long committedItems() {
        return committed.sum();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One submitted item and its waiter. */
    static final class Ticket<T> {
        private static final int WAITING = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;

        private final T item;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CompletableFuture<Result> done = new CompletableFuture<>();
        private volatile Throwable failure;

        private Ticket(T item) {
            this.item = item;
        }

        private boolean take() {
            return state.compareAndSet(WAITING, TAKEN);
        }

        private void finish(Result result, Throwable cause) {
            this.failure = cause;
            done.complete(result);
        }

        /** Waits at most {@code timeout} for the commit of this item. */
        Result await(Duration timeout) {
            try {
                return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return state.compareAndSet(WAITING, WITHDRAWN) ? Result.NOT_COMMITTED : Result.UNKNOWN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state.compareAndSet(WAITING, WITHDRAWN) ? Result.NOT_COMMITTED : Result.UNKNOWN;
            } catch (ExecutionException e) {
                failure = e.getCause();
                return Result.UNKNOWN;
            }
        }

        /** Why the commit failed, when it did. */
        Throwable failure() {
            return failure;
        }
    }
}

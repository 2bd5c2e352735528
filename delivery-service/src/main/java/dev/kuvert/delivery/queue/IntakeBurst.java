package dev.kuvert.delivery.queue;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether mail is being queued in a burst right now: at least {@code messages} queued within the last
 * {@code window}. Local delivery then holds each mailbox's deliveries for a moment and sends them together
 * ({@code LocalTransport}), so that the CPU goes first to accepting (every SMTP client waiting for its 250) and
 * the mailboxes get fewer, larger batches. It keeps the arrival times of the last {@code messages} messages
 * only: the burst is on while the oldest of them is within the window.
 */
public final class IntakeBurst {
    private final long[] arrivals;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private int next;
    private boolean filled;

    IntakeBurst(int messages, Duration window) {
        this(messages, window, System::nanoTime);
    }

    IntakeBurst(int messages, Duration window, LongSupplier nanoTime) {
        if (messages < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a burst needs at least one message within a positive window");
        }
        this.arrivals = new long[messages];
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A message was queued. */
    synchronized void queued() {
        arrivals[next] = nanoTime.getAsLong();
        next = (next + 1) % arrivals.length;
        filled |= next == 0;
    }

    public synchronized boolean ongoing() {
        return filled && nanoTime.getAsLong() - arrivals[next] <= windowNanos;
    }
}

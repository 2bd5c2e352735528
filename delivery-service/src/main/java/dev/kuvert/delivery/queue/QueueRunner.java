package dev.kuvert.delivery.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The queue manager of one instance, after Postfix's qmgr: it keeps a small <em>active window</em> of
 * recipients in delivery and fills it from the database, fresh mail first, deferred mail only up to
 * its share of the window, so that a large backlog of deferred mail never holds up new mail. The
 * deferred set that is not due is never read at all (an index on state and due time).
 *
 * <p>One dispatcher thread claims, and renews this instance's leases every third of a lease while it has deliveries
 * under way, so that only the claims of an instance that died ever expire. Each claimed recipient is delivered on a
 * virtual thread. The
 * dispatcher sleeps until new mail was queued here, a delivery finished while there is a backlog,
 * or the poll interval passed (due retries, expired leases, mail queued by other instances).
 */
final class QueueRunner implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(QueueRunner.class);
    /**
     * While deliveries are under way, claims are at least this far apart, so that mail queued meanwhile (a hand-off
     * commits every few messages under load) is claimed together: one claim (three statements and a commit) per
     * ~20 messages instead of one per hand-off commit. With nothing under way new mail is claimed at once.
     */
    private static final long CLAIM_SPACING_NANOS = Duration.ofMillis(20).toNanos();

    private final QueueStore store;
    private final Transactions tx;
    private final Clock clock;
    private final String owner;
    private final int window;
    private final int retryWindow;
    private final int refillThreshold;
    private final Duration pollInterval;
    private final Duration lease;
    private final Duration drainTimeout;
    private long lastClaimNanos = System.nanoTime() - CLAIM_SPACING_NANOS;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retriesInFlight = new AtomicInteger();
    private final WorkSignal signal;
    private final DeliveryAttempts attempts;
    private volatile boolean backlog;
    private volatile boolean retryBacklog;
    private volatile boolean running;
    private Thread dispatcher;
    private ExecutorService workers;

    QueueRunner(QueueStore store, Transactions tx, DeliveryAttempts attempts, WorkSignal signal, Clock clock, InstanceId owner,
            int window, int retryWindow, Duration pollInterval, Duration lease, Duration drainTimeout) {
        if (window < 1 || retryWindow < 0) {
            throw new IllegalArgumentException("the active window needs at least one slot and a retry share of zero or more");
        }
        this.store = store;
        this.tx = tx;
        this.attempts = attempts;
        this.signal = signal;
        this.clock = clock;
        this.owner = owner.value();
        this.window = window;
        this.retryWindow = Math.min(retryWindow, window);
        this.refillThreshold = Math.max(1, window / 4);
        this.pollInterval = pollInterval;
        this.lease = lease;
        this.drainTimeout = drainTimeout;
    }

    /**
     * A delivery ended: refill the window at once when more is due, in batches of at least a quarter of
     * the window (or as soon as a retry slot frees while retries are waiting for one).
     */
    private void slotFreed() {
        if ((backlog && window - inFlight.get() >= refillThreshold) || retryBacklog) {
            signal.workDue();
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    private void loop() {
        boolean recovered = false;
        Instant nextReap = Instant.MIN;
        Instant nextRenewal = Instant.MIN;
        Instant quietUntil = Instant.MIN;
        while (running) {
            try {
                Instant now = clock.instant();
                if (!recovered) {
                    int released = tx.execute(() -> store.releaseLeasesOf(owner, now));
                    if (released > 0) {
                        log.info("Took back {} recipients this instance ({}) held before it restarted", released, owner);
                    }
                    recovered = true;
                }
                if (!now.isBefore(nextReap)) {
                    int reaped = tx.execute(() -> store.reapExpiredLeases(now));
                    if (reaped > 0) {
                        log.info("Returned {} recipients whose lease expired to the queue", reaped);
                    }
                    nextReap = now.plus(pollInterval);
                }
                if (!now.isBefore(nextRenewal) && inFlight.get() > 0) {
                    tx.execute(() -> store.renewLeasesOf(owner, now.plus(lease)));
                    nextRenewal = now.plus(lease.dividedBy(3));
                }
                int free = window - inFlight.get();
                long sinceClaim = System.nanoTime() - lastClaimNanos;
                if (free > 0 && inFlight.get() > 0 && sinceClaim < CLAIM_SPACING_NANOS) {
                    signal.await(Duration.ofMillis((CLAIM_SPACING_NANOS - sinceClaim + 999_999) / 1_000_000));
                    continue;
                }
                if (free > 0) {
                    lastClaimNanos = System.nanoTime();
                    int retryFree = Math.max(0, retryWindow - retriesInFlight.get());
                    List<Claim> claims = tx.execute(() -> store.claim(owner, free, retryFree, now, lease));
                    backlog = claims.size() == free;
                    retryBacklog = retryFree > 0 && claims.stream().filter(Claim::retry).count() == retryFree;
                    claims.forEach(this::dispatch);
                }
                signal.await(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Instant now = clock.instant();
                if (now.isAfter(quietUntil)) {
                    log.warn("The queue cannot be worked right now (said once a minute while it lasts): {}", e.toString());
                    quietUntil = now.plus(Duration.ofMinutes(1));
                }
                try {
                    signal.await(pollInterval);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void dispatch(Claim claim) {
        inFlight.incrementAndGet();
        if (claim.retry()) {
            retriesInFlight.incrementAndGet();
        }
        workers.execute(() -> {
            try {
                attempts.attempt(claim);
            } catch (RuntimeException e) {
                log.error("{}: attempt on <{}> failed", claim.queueId(), claim.recipient(), e);
            } finally {
                if (claim.retry()) {
                    retriesInFlight.decrementAndGet();
                }
                inFlight.decrementAndGet();
                slotFreed();
            }
        });
    }

    @Override
    public void start() {
        attempts.starting();
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-", 0).factory());
        running = true;
        dispatcher = Thread.ofPlatform().name("queue-dispatcher").daemon().start(this::loop);
    }

    /** Stops claiming and lets the deliveries under way finish; what does not finish comes back at the next start. */
    @Override
    public void stop() {
        running = false;
        signal.workDue();
        attempts.stopping();
        try {
            dispatcher.join(Duration.ofSeconds(10));
            workers.shutdown();
            if (!workers.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

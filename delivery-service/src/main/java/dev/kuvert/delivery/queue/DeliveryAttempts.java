package dev.kuvert.delivery.queue;

import dev.kuvert.contracts.queue.RecipientState;
import dev.kuvert.delivery.transport.Delivery;
import dev.kuvert.delivery.transport.Outcome;
import dev.kuvert.delivery.transport.RecipientRouter;
import dev.kuvert.delivery.transport.RecipientRouter.Routing;
import dev.kuvert.delivery.transport.Route;
import dev.kuvert.delivery.transport.Transports;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt on one claimed recipient: resolve it if that was not done yet (an alias becomes one
 * recipient per destination), hand it to the transport of its route, and record what came of it,
 * a temporary failure scheduled by the {@link RetryPolicy} or given up when the message is too old.
 */
final class DeliveryAttempts {
    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final QueueStore store;
    private final Transactions tx;
    private final RecipientRouter router;
    private final Transports transports;
    private final RetryPolicy policy;
    private final OutcomeRecorder recorder;
    private final Clock clock;
    private final String owner;
    private final Runnable newWork;

    DeliveryAttempts(QueueStore store, Transactions tx, RecipientRouter router, Transports transports, RetryPolicy policy,
            OutcomeRecorder recorder, Clock clock, InstanceId owner, Runnable newWork) {
        this.store = store;
        this.tx = tx;
        this.router = router;
        this.transports = transports;
        this.policy = policy;
        this.recorder = recorder;
        this.clock = clock;
        this.owner = owner.value();
        this.newWork = newWork;
    }

    /** See {@link OutcomeRecorder#stopRetrying()}. */
    void stopping() {
        recorder.stopRetrying();
    }

    void starting() {
        recorder.resumeRetrying();
    }

    void attempt(Claim claim) {
        String recipient = claim.recipient();
        Route route = claim.route();
        Outcome outcome;
        try {
            if (route == null) {
                Routing routing = router.route(claim.recipient());
                if (routing instanceof Routing.Unroutable unroutable) {
                    record(claim, recipient, null, unroutable.outcome());
                    return;
                }
                List<RecipientRouter.Target> targets = ((Routing.Targets) routing).targets();
                RecipientRouter.Target first = targets.getFirst();
                if (targets.size() > 1) {
                    List<QueueStore.Target> others = targets.subList(1, targets.size()).stream()
                            .map(t -> new QueueStore.Target(t.address(), t.route()))
                            .toList();
                    Instant now = clock.instant();
                    boolean ours = tx.execute(() -> store.expand(
                            claim, owner, new QueueStore.Target(first.address(), first.route()), others, now));
                    if (!ours) {
                        log.info("{}: the claim on <{}> was lost before it was expanded", claim.queueId(), recipient);
                        return;
                    }
                    newWork.run();
                }
                recipient = first.address().toString();
                route = first.route();
            }
            outcome = transports.forRoute(route)
                    .deliver(new Delivery(claim.queueId(), claim.sender(), recipient, claim.blobKey(), claim.sizeBytes(),
                            claim.authenticatedAccount()));
        } catch (RuntimeException e) {
            log.error("{}: delivery to <{}> failed unexpectedly", claim.queueId(), recipient, e);
            outcome = new Outcome.Deferred("451 4.3.0 internal error", null, null);
        }
        record(claim, recipient, route, outcome);
    }

    private void record(Claim claim, String recipient, Route route, Outcome outcome) {
        recorder.record(result(claim, recipient, route, outcome, clock.instant()));
    }

    AttemptResult result(Claim claim, String recipient, Route route, Outcome outcome, Instant now) {
        return switch (outcome) {
            case Outcome.Delivered d -> new AttemptResult(
                    claim, recipient, route, RecipientState.DELIVERED, d.response(), d.remoteHost(), d.tls(), now, null);
            case Outcome.Failed f -> new AttemptResult(
                    claim, recipient, route, RecipientState.FAILED, f.response(), f.remoteHost(), f.tls(), now, null);
            case Outcome.Deferred d -> policy.nextAttempt(claim.attempts() + 1, now, claim.expiresAt())
                    .map(next -> new AttemptResult(
                            claim, recipient, route, RecipientState.DEFERRED, d.response(), d.remoteHost(), d.tls(), now, next))
                    .orElseGet(() -> new AttemptResult(claim, recipient, route, RecipientState.FAILED,
                            expired(d.response()), d.remoteHost(), d.tls(), now, null));
        };
    }

    private String expired(String lastResponse) {
        return "554 5.4.7 delivery time expired after " + human(policy.maxLifetime()) + "; last error: " + lastResponse;
    }

    private static String human(java.time.Duration d) {
        if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
            return d.toDays() + "d";
        }
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.kuvert.delivery.queue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The queue's meters: group commits of hand-offs and of attempt results (items per commit is the group
 * size, the figure that shows the group commit working), and the recipients in delivery right now.
 */
final class QueueMetrics implements MeterBinder {
    private final Intake intake;
    private final OutcomeRecorder outcomes;
    private final QueueRunner runner;

    QueueMetrics(Intake intake, OutcomeRecorder outcomes, QueueRunner runner) {
        this.intake = intake;
        this.outcomes = outcomes;
        this.runner = runner;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("kuvert.queue.intake.commits", intake, i -> i.commitStats().batches())
                .description("group commits of handed-off messages").register(registry);
        FunctionCounter.builder("kuvert.queue.intake.messages", intake, i -> i.commitStats().items())
                .description("handed-off messages committed").register(registry);
        FunctionCounter.builder("kuvert.queue.outcome.commits", outcomes, o -> o.commitStats().batches())
                .description("group commits of delivery attempt results").register(registry);
        FunctionCounter.builder("kuvert.queue.outcome.results", outcomes, o -> o.commitStats().items())
                .description("delivery attempt results committed").register(registry);
        Gauge.builder("kuvert.queue.in.flight", runner, QueueRunner::inFlight)
                .description("recipients this instance is delivering now").register(registry);
    }
}

package dev.kuvert.smtp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

/** James's metrics port on Micrometer: command timers as {@code kuvert.smtp.command{name=…}}. */
final class MicrometerMetricFactory implements MetricFactory {
    private final MeterRegistry registry;

    MicrometerMetricFactory(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Metric generate(String name) {
        Counter counter = Counter.builder("kuvert.smtp.metric").tag("name", name).register(registry);
        AtomicLong value = new AtomicLong();
        return new Metric() {
            @Override
            public void increment() {
                add(1);
            }

            @Override
            public void decrement() {
                remove(1);
            }

            @Override
            public void add(int amount) {
                value.addAndGet(amount);
                if (amount > 0) {
                    counter.increment(amount);
                }
            }

            @Override
            public void remove(int amount) {
                value.addAndGet(-amount);
            }

            @Override
            public long getCount() {
                return value.get();
            }
        };
    }

    @Override
    public TimeMetric timer(String name) {
        Timer.Sample sample = Timer.start(registry);
        long start = System.nanoTime();
        return new TimeMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecutionResult stopAndPublish() {
                sample.stop(Timer.builder("kuvert.smtp.command").tag("name", name).register(registry));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                return new ExecutionResult() {
                    @Override
                    public Duration elasped() {
                        return elapsed;
                    }

                    @Override
                    public ExecutionResult logWhenExceedP99(Duration thresholdInNanoSeconds) {
                        return this;
                    }
                };
            }
        };
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return publisher;
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return publisher;
    }
}

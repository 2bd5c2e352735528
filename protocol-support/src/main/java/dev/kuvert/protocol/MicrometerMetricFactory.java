package dev.kuvert.protocol;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** James's metrics, published through Micrometer (and so through actuator). */
public class MicrometerMetricFactory implements MetricFactory {
    private final MeterRegistry registry;

    public MicrometerMetricFactory(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Metric generate(String name) {
        AtomicLong value = registry.gauge("kuvert.james." + name, new AtomicLong());
        return new Metric() {
            @Override
            public void increment() {
                value.incrementAndGet();
            }

            @Override
            public void decrement() {
                value.decrementAndGet();
            }

            @Override
            public void add(int n) {
                value.addAndGet(n);
            }

            @Override
            public void remove(int n) {
                value.addAndGet(-n);
            }

            @Override
            public long getCount() {
                return value.get();
            }
        };
    }

    @Override
    public TimeMetric timer(String name) {
        Timer timer = registry.timer("kuvert.james." + name);
        long start = System.nanoTime();
        return new TimeMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecutionResult stopAndPublish() {
                long elapsed = System.nanoTime() - start;
                timer.record(elapsed, TimeUnit.NANOSECONDS);
                Duration took = Duration.ofNanos(elapsed);
                return new ExecutionResult() {
                    @Override
                    public Duration elasped() {
                        return took;
                    }

                    @Override
                    public ExecutionResult logWhenExceedP99(Duration threshold) {
                        return this;
                    }
                };
            }
        };
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return Flux.defer(() -> {
            TimeMetric metric = timer(name);
            return Flux.from(publisher).doOnComplete(metric::stopAndPublish);
        });
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return decoratePublisherWithTimerMetric(name, publisher);
    }
}

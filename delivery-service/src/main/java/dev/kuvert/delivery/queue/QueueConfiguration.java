package dev.kuvert.delivery.queue;

import dev.kuvert.delivery.DeliveryProperties;
import dev.kuvert.delivery.log.DeliveryLog;
import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.transport.RecipientRouter;
import dev.kuvert.delivery.transport.Transports;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** Assembles the queue: intake, store, runner with its delivery attempts, outcome recorder, janitor, browser. */
@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RetryPolicy retryPolicy(DeliveryProperties properties) {
        return new RetryPolicy(properties.retrySchedule(), properties.maxQueueLifetime(), properties.retryJitter(),
                new java.security.SecureRandom());
    }

    /** Configured, or this host's name and HTTP port (a random suffix when the port is chosen at start). */
    @Bean
    InstanceId instanceId(DeliveryProperties properties, @Value("${server.port:0}") int port) {
        String configured = properties.queue().instanceId();
        if (configured != null && !configured.isBlank()) {
            return new InstanceId(configured.strip());
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String suffix = port > 0 ? Integer.toString(port) : UUID.randomUUID().toString().substring(0, 8);
        String id = host + ":" + suffix;
        return new InstanceId(id.length() > 100 ? id.substring(id.length() - 100) : id);
    }

    @Bean
    Transactions queueTransactions(PlatformTransactionManager transactions) {
        return new Transactions(new TransactionTemplate(transactions));
    }

    @Bean
    QueueStore queueStore(JdbcClient jdbc, JdbcTemplate template, DeliveryLog deliveryLog) {
        return new QueueStore(jdbc, template, deliveryLog);
    }

    @Bean
    WorkSignal workSignal() {
        return new WorkSignal();
    }

    /** 300 messages a second or more: well above a steady flow, where delivering at once costs no one anything. */
    @Bean
    IntakeBurst intakeBurst() {
        return new IntakeBurst(30, Duration.ofMillis(100));
    }

    @Bean
    QueueRunner queueRunner(QueueStore store, Transactions tx, DeliveryAttempts attempts, WorkSignal signal, Clock clock,
            InstanceId owner, DeliveryProperties properties) {
        DeliveryProperties.Queue queue = properties.queue();
        return new QueueRunner(store, tx, attempts, signal, clock, owner, queue.activeWindow(), queue.retryWindow(),
                queue.pollInterval(), queue.lease(), queue.deliveryTimeout().plusSeconds(5));
    }

    @Bean(destroyMethod = "close")
    OutcomeRecorder outcomeRecorder(QueueStore store, Transactions tx, BlobStore blobs, ObjectProvider<FailureHook> hooks,
            InstanceId owner, DeliveryProperties properties) {
        List<FailureHook> all = hooks.orderedStream().toList();
        FailureHook hook = all.isEmpty() ? new LoggingFailureHook() : new FailureHooks(all);
        return new OutcomeRecorder(store, tx, blobs, hook, owner, properties.queue().lease(), properties.queue().commitBatch(),
                properties.delayWarning() == null ? Duration.ZERO : properties.delayWarning());
    }

    @Bean
    DeliveryAttempts deliveryAttempts(QueueStore store, Transactions tx, RecipientRouter router, Transports transports,
            RetryPolicy policy, OutcomeRecorder recorder, Clock clock, InstanceId owner, WorkSignal signal) {
        return new DeliveryAttempts(store, tx, router, transports, policy, recorder, clock, owner, signal::workDue);
    }

    @Bean(destroyMethod = "close")
    Intake intake(ObjectMapper json, BlobStore blobs, QueueStore store, Transactions tx, RetryPolicy policy, Clock clock,
            DeliveryProperties properties, WorkSignal signal, IntakeBurst burst) {
        DeliveryProperties.Queue queue = properties.queue();
        return new Intake(new EnvelopeParser(json), blobs, store, tx, policy, clock, queue.maxMessageSize().toBytes(),
                queue.commitBatch(), queue.commitTimeout(), () -> {
                    burst.queued();
                    signal.workDue();
                });
    }

    @Bean
    Housekeeping queueHousekeeping(QueueStore store, Transactions tx, BlobStore blobs, Clock clock, DeliveryProperties properties,
            DeliveryLog deliveryLog) {
        return new Housekeeping(store, tx, blobs, clock, properties.queue().retainCompleted(), deliveryLog,
                properties.queue().retainDeliveryLog());
    }

    @Bean
    QueueMetrics queueMetrics(Intake intake, OutcomeRecorder outcomes, QueueRunner runner) {
        return new QueueMetrics(intake, outcomes, runner);
    }

    @Bean
    QueueBrowser queueBrowser(JdbcClient jdbc, Transactions tx, BlobStore blobs, Clock clock, WorkSignal signal) {
        return new QueueBrowser(jdbc, tx, blobs, clock, signal::workDue);
    }
}

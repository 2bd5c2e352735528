package dev.kuvert.delivery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * delivery-service configuration, bound from the {@code KUVERT_*} environment (see application.yml).
 *
 * @param retrySchedule waits between delivery attempts; the last one repeats
 * @param maxQueueLifetime age after which a message that could not be delivered is bounced
 * @param queue how the queue takes and works its messages
 */
@ConfigurationProperties(prefix = "kuvert")
public record DeliveryProperties(
        String hostname, Path dataDir, URI mailboxUrl, List<Duration> retrySchedule, Duration maxQueueLifetime, Queue queue) {

    /** Message bodies: {@code $KUVERT_DATA_DIR/spool}. Replicas working one queue must share it. */
    public Path spoolDir() {
        return dataDir.resolve("spool");
    }

    /**
     * @param maxMessageSize the largest message the queue takes (413 beyond); above smtp-service's SIZE plus the headers it adds
     * @param instanceId names this instance's leases; unique per replica and stable across its restarts, so that a
     *     restarted instance takes back its own claims at once (blank: host name and HTTP port)
     * @param activeWindow how many recipients this instance delivers at once (Postfix's active queue)
     * @param retryWindow how many of those may be retries of deferred mail, so that fresh mail always finds room
     * @param pollInterval how often to look for due retries, expired leases and other instances' new mail
     *     (this instance's own new mail wakes it at once)
     * @param lease how long a claim lasts; the recipients of an instance that died return to the queue after it
     * @param deliveryTimeout the time limit of one attempt at the next hop
     * @param commitBatch the most messages (or attempt results) in one group commit
     * @param commitTimeout how long a hand-off waits for its commit before answering 503
     * @param retainCompleted how long a message whose recipients are all delivered or failed stays visible in the API
     */
    public record Queue(
            DataSize maxMessageSize,
            String instanceId,
            int activeWindow,
            int retryWindow,
            Duration pollInterval,
            Duration lease,
            Duration deliveryTimeout,
            int commitBatch,
            Duration commitTimeout,
            Duration retainCompleted) {}
}

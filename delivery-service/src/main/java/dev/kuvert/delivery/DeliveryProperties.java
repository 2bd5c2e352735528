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
 * @param delayWarning the age at which the sender of a message still deferred is told of the delay, once (zero: never)
 * @param retryJitter each wait of the schedule is moved by up to this fraction of itself, either way, so that
 *     messages deferred together do not all come back at the same instant
 * @param queue how the queue takes and works its messages
 * @param outbound how remote recipients are reached (DNS, SMTP, smarthost)
 */
@ConfigurationProperties(prefix = "kuvert")
public record DeliveryProperties(
        String hostname,
        Path dataDir,
        URI mailboxUrl,
        List<Duration> retrySchedule,
        Duration maxQueueLifetime,
        Duration delayWarning,
        double retryJitter,
        Queue queue,
        Outbound outbound) {

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
     * @param retainDeliveryLog how long an entry of the delivery log stays ({@code /api/v1/logs/deliveries})
     * @param spoolSegmentSize the size of the spool files small bodies are appended to; a segment's space comes back when
     *     the last message in it is done, so a message deferred for days holds up to this much
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
            Duration retainCompleted,
            Duration retainDeliveryLog,
            DataSize spoolSegmentSize) {}

    /**
     * @param dnsServers {@code KUVERT_DNS_SERVERS}: resolvers as {@code host[:port]}; empty for the system's
     * @param dnsTimeout how long one DNS question may take
     * @param mxPort the port of the mail exchangers (25; tests point it elsewhere)
     * @param destinationConcurrency the most connections open at once to one destination (a domain, or the smarthost)
     * @param connectionIdle how long a connection stays open after a transaction for the next message to the same destination
     * @param timeouts the SMTP client's timeouts (RFC 5321 §4.5.3.2)
     * @param relay the global smarthost; when its host is set all remote mail goes through it, except the mail of a
     *     sender whose domain has a relay of its own (set through the API, {@code /api/v1/domains/{name}/relay})
     */
    public record Outbound(
            List<String> dnsServers,
            Duration dnsTimeout,
            int mxPort,
            int destinationConcurrency,
            Duration connectionIdle,
            Timeouts timeouts,
            Relay relay) {}

    /** RFC 5321 §4.5.3.2: each is the time allowed for the server's reply to that command. */
    public record Timeouts(
            Duration connect, Duration greeting, Duration mail, Duration rcpt, Duration dataInit, Duration dataBlock,
            Duration dataTermination) {}

    /**
     * {@code KUVERT_RELAY_*}.
     *
     * @param port the smarthost's port
     * @param implicitTls TLS from the first byte; when not set, so on port 465 and STARTTLS on any other (required when
     *     a user is set or the certificate is verified)
     * @param verifyCertificate whether the smarthost's certificate must be valid for its name; the domains' own relays
     *     follow the same setting
     */
    public record Relay(String host, int port, String user, String password, Boolean implicitTls, boolean verifyCertificate) {
        public boolean tlsOnConnect() {
            return implicitTls != null ? implicitTls : port == 465;
        }

        public boolean enabled() {
            return host != null && !host.isBlank();
        }

        public boolean authenticates() {
            return user != null && !user.isBlank();
        }
    }
}

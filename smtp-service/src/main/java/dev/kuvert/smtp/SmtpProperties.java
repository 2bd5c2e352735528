package dev.kuvert.smtp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * smtp-service configuration, bound from the {@code KUVERT_*} environment (see application.yml).
 *
 * @param hostname the server's FQDN for the banner, HELO, Received headers and the generated certificate
 * @param dataDir where the generated TLS pair ({@code tls/}) and the message spool ({@code spool/smtp/}) live
 * @param mailboxUrl mailbox-service, for authentication and recipient checks
 * @param deliveryUrl delivery-service, which queues accepted mail
 * @param ports the listeners' ports ({@code kuvert.ports.*}, computed from {@code KUVERT_PORT_OFFSET}); 0 picks a free one
 * @param tls {@code KUVERT_TLS_CERT}/{@code KUVERT_TLS_KEY}; blank means "generate a self-signed pair"
 * @param dns {@code KUVERT_DNS_SERVERS} for SPF checks; empty means the system resolvers
 * @param smtp protocol limits and timeouts
 */
@ConfigurationProperties(prefix = "kuvert")
public record SmtpProperties(
        String hostname,
        Path dataDir,
        URI mailboxUrl,
        URI deliveryUrl,
        Ports ports,
        @DefaultValue Tls tls,
        @DefaultValue Dns dns,
        @DefaultValue Smtp smtp) {

    /** Listener ports. */
    public record Ports(int smtpMx, int submission, int submissions) {}

    /** PEM files of a certificate chain and its private key; both blank to use the generated pair. */
    public record Tls(@DefaultValue("") String cert, @DefaultValue("") String key) {}

    /**
     * Resolvers as {@code host[:port]}, the time one SPF evaluation may take in total, and how long a verdict is
     * kept for the same client address, sender and HELO name (zero: never).
     */
    public record Dns(@DefaultValue List<String> servers, @DefaultValue("5s") Duration timeout,
            @DefaultValue("60s") Duration spfCacheTime) {}

    /**
     * @param bindAddress the address every listener binds to
     * @param maxMessageSize the limit advertised in EHLO {@code SIZE} and enforced at MAIL and DATA
     * @param maxRecipients RCPT commands accepted per message; more get {@code 452 4.5.3}
     * @param maxConnections concurrent connections over all listeners
     * @param maxConnectionsPerIp concurrent connections from one client address
     * @param idleTimeout a client silent this long is told {@code 421 4.4.2} and disconnected
     * @param recipientCacheTtl how long a directory answer for a recipient is reused
     * @param directoryTimeout bound on one call to mailbox-service
     * @param handOffTimeout bound on the hand-off to delivery-service (longer than its 30 s group-commit bound); past it the client gets {@code 451 4.3.0}
     * @param spoolMemoryThreshold messages up to this size stay in memory while received, larger ones go to a file
     * @param authFailureDelay delay after the first failed AUTH, doubling with each further failure
     * @param authMaxFailureDelay cap of that delay
     * @param authFailuresBeforeIpLock failed AUTHs from one address before it is locked out
     * @param authFailuresBeforeAccountLock failed AUTHs for one account before it is locked out
     * @param authLockDuration how long a lock lasts
     * @param authFailureWindow failures older than this are forgotten
     */
    public record Smtp(
            @DefaultValue("0.0.0.0") String bindAddress,
            @DefaultValue("25MB") DataSize maxMessageSize,
            @DefaultValue("100") int maxRecipients,
            @DefaultValue("500") int maxConnections,
            @DefaultValue("50") int maxConnectionsPerIp,
            @DefaultValue("5m") Duration idleTimeout,
            @DefaultValue("30s") Duration recipientCacheTtl,
            @DefaultValue("10s") Duration directoryTimeout,
            @DefaultValue("40s") Duration handOffTimeout,
            @DefaultValue("256KB") DataSize spoolMemoryThreshold,
            @DefaultValue("500ms") Duration authFailureDelay,
            @DefaultValue("8s") Duration authMaxFailureDelay,
            @DefaultValue("10") int authFailuresBeforeIpLock,
            @DefaultValue("5") int authFailuresBeforeAccountLock,
            @DefaultValue("5m") Duration authLockDuration,
            @DefaultValue("15m") Duration authFailureWindow) {}
}

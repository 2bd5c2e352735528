package dev.kuvert.smtp.support;

import dev.kuvert.smtp.SmtpProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** {@link SmtpProperties} for tests: every listener on a free port, limits as in production unless changed. */
public record TestSettings(
        DataSize maxMessageSize,
        int maxRecipients,
        int maxConnectionsPerIp,
        Duration idleTimeout,
        Duration handOffTimeout,
        Duration authFailureDelay,
        int authFailuresBeforeIpLock,
        int authFailuresBeforeAccountLock,
        DataSize spoolMemoryThreshold) {

    public static TestSettings defaults() {
        return new TestSettings(DataSize.ofMegabytes(25), 100, 20, Duration.ofMinutes(5), Duration.ofSeconds(5),
                Duration.ofMillis(1), 10, 5, DataSize.ofKilobytes(256));
    }

    public TestSettings maxMessageSize(DataSize size) {
        return new TestSettings(size, maxRecipients, maxConnectionsPerIp, idleTimeout, handOffTimeout, authFailureDelay,
                authFailuresBeforeIpLock, authFailuresBeforeAccountLock, spoolMemoryThreshold);
    }

    public TestSettings maxConnectionsPerIp(int max) {
        return new TestSettings(maxMessageSize, maxRecipients, max, idleTimeout, handOffTimeout, authFailureDelay,
                authFailuresBeforeIpLock, authFailuresBeforeAccountLock, spoolMemoryThreshold);
    }

    public TestSettings idleTimeout(Duration timeout) {
        return new TestSettings(maxMessageSize, maxRecipients, maxConnectionsPerIp, timeout, handOffTimeout, authFailureDelay,
                authFailuresBeforeIpLock, authFailuresBeforeAccountLock, spoolMemoryThreshold);
    }

    public TestSettings handOffTimeout(Duration timeout) {
        return new TestSettings(maxMessageSize, maxRecipients, maxConnectionsPerIp, idleTimeout, timeout, authFailureDelay,
                authFailuresBeforeIpLock, authFailuresBeforeAccountLock, spoolMemoryThreshold);
    }

    public TestSettings authThrottle(Duration firstDelay, int ipLock, int accountLock) {
        return new TestSettings(maxMessageSize, maxRecipients, maxConnectionsPerIp, idleTimeout, handOffTimeout, firstDelay,
                ipLock, accountLock, spoolMemoryThreshold);
    }

    public TestSettings spoolMemoryThreshold(DataSize threshold) {
        return new TestSettings(maxMessageSize, maxRecipients, maxConnectionsPerIp, idleTimeout, handOffTimeout, authFailureDelay,
                authFailuresBeforeIpLock, authFailuresBeforeAccountLock, threshold);
    }

    public SmtpProperties properties(Path dataDir, URI mailbox, URI delivery) {
        return new SmtpProperties("mx.kuvert.test", dataDir, mailbox, delivery,
                new SmtpProperties.Ports(0, 0, 0),
                new SmtpProperties.Tls("", ""),
                new SmtpProperties.Dns(List.of(), Duration.ofSeconds(2), Duration.ZERO),
                new SmtpProperties.Smtp("127.0.0.1", maxMessageSize, maxRecipients, 500, maxConnectionsPerIp, idleTimeout,
                        Duration.ofSeconds(30), Duration.ofSeconds(2), handOffTimeout, spoolMemoryThreshold,
                        authFailureDelay, Duration.ofMillis(authFailureDelay.toMillis() * 8), authFailuresBeforeIpLock,
                        authFailuresBeforeAccountLock, Duration.ofMinutes(5), Duration.ofMinutes(15)));
    }
}

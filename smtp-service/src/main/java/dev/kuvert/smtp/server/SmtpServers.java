package dev.kuvert.smtp.server;

import dev.kuvert.protocol.AuthThrottle;
import dev.kuvert.protocol.MicrometerMetricFactory;
import dev.kuvert.protocol.TlsEncryption;
import dev.kuvert.smtp.SmtpProperties;
import dev.kuvert.smtp.auth.DirectoryAuthHook;
import dev.kuvert.smtp.directory.Directory;
import dev.kuvert.smtp.handoff.QueueClient;
import dev.kuvert.smtp.hooks.ConnectionLimits;
import dev.kuvert.smtp.message.SpoolDirectory;
import dev.kuvert.smtp.spf.SpfChecker;
import dev.kuvert.support.tls.TlsCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.smtp.SMTPProtocol;

/** Builds the three listeners from the configuration and the service's ports to the outside. */
public final class SmtpServers {
    private SmtpServers() {}

    public static SmtpListeners create(SmtpProperties properties, Directory directory, QueueClient queue, SpfChecker spf,
            TlsCredentials tls, MeterRegistry meters, Clock clock) {
        SmtpProperties.Smtp smtp = properties.smtp();
        long maxMessageSize = smtp.maxMessageSize().toBytes();
        AuthThrottle throttle = new AuthThrottle(smtp.authFailureDelay(), smtp.authMaxFailureDelay(),
                smtp.authFailuresBeforeIpLock(), smtp.authFailuresBeforeAccountLock(), smtp.authLockDuration(),
                smtp.authFailureWindow(), clock);
        SpoolDirectory spools = new SpoolDirectory(properties.dataDir().toAbsolutePath().resolve("spool").resolve("smtp"),
                (int) Math.min(Integer.MAX_VALUE - 16, smtp.spoolMemoryThreshold().toBytes())).prepare();
        var collaborators = new SmtpChains.Collaborators(
                properties.hostname(),
                maxMessageSize,
                smtp.maxRecipients(),
                directory,
                new DirectoryAuthHook(directory, throttle, duration -> Thread.sleep(duration)),
                new ConnectionLimits(smtp.maxConnections(), smtp.maxConnectionsPerIp()),
                queue,
                spf,
                spools,
                new MicrometerMetricFactory(meters),
                clock);
        List<SmtpListeners.Binding> bindings = new ArrayList<>();
        for (Listener listener : Listener.values()) {
            Encryption encryption = listener.implicitTls() ? TlsEncryption.implicitTls(tls) : TlsEncryption.startTls(tls);
            try {
                var protocol = new SMTPProtocol(SmtpChains.forListener(listener, collaborators),
                        new ListenerConfiguration(properties.hostname(), maxMessageSize, listener));
                bindings.add(new SmtpListeners.Binding(listener, port(properties.ports(), listener), protocol, encryption));
            } catch (WiringException e) {
                throw new IllegalStateException("cannot assemble the SMTP chain for " + listener, e);
            }
        }
        return new SmtpListeners(bindings, smtp.bindAddress(), smtp.idleTimeout(), properties.hostname());
    }

    private static int port(SmtpProperties.Ports ports, Listener listener) {
        return switch (listener) {
            case MX -> ports.smtpMx();
            case SUBMISSION -> ports.submission();
            case SUBMISSIONS -> ports.submissions();
        };
    }
}

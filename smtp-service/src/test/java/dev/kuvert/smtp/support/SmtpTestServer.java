package dev.kuvert.smtp.support;

import dev.kuvert.smtp.SmtpProperties;
import dev.kuvert.smtp.directory.CachingDirectory;
import dev.kuvert.smtp.directory.HttpDirectory;
import dev.kuvert.smtp.handoff.QueueClient;
import dev.kuvert.smtp.server.Listener;
import dev.kuvert.smtp.server.SmtpListeners;
import dev.kuvert.smtp.server.SmtpServers;
import dev.kuvert.smtp.spf.SpfChecker;
import dev.kuvert.smtp.spf.SpfVerdict;
import dev.kuvert.support.tls.TlsCredentials;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real SMTP listeners on free loopback ports, wired to a fake mailbox-service and delivery-service
 * over HTTP, as the production wiring does ({@link SmtpServers}).
 */
public final class SmtpTestServer implements AutoCloseable {
    public static final String HOSTNAME = "mx.kuvert.test";
    private static TlsCredentials sharedTls;

    public final FakeMailboxService mailbox;
    public final FakeDeliveryService delivery;
    public final SmtpProperties properties;
    private final SmtpListeners listeners;
    private final Path dataDir;

    public SmtpTestServer() {
        this(TestSettings.defaults());
    }

    public SmtpTestServer(TestSettings settings) {
        this(settings, (client, from, helo) -> new SpfVerdict("none"));
    }

    public SmtpTestServer(TestSettings settings, SpfChecker spf) {
        try {
            dataDir = Files.createTempDirectory("kuvert-smtp-test");
            mailbox = new FakeMailboxService()
                    .domain("example.test")
                    .account("bob@example.test", "bob-secret")
                    .account("alice@example.test", "alice-secret", "sales@example.test")
                    .fullAccount("full@example.test");
            delivery = new FakeDeliveryService();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties = settings.properties(dataDir, mailbox.url(), delivery.url());
        var directory = new CachingDirectory(new HttpDirectory(mailbox.client(Duration.ofSeconds(2))),
                properties.smtp().recipientCacheTtl(), Clock.systemUTC());
        var queue = new QueueClient(delivery.url(), FakeMailboxService.CREDENTIAL, properties.smtp().handOffTimeout(),
                JsonMapper.builder().build());
        listeners = SmtpServers.create(properties, directory, queue, spf, tls(), new SimpleMeterRegistry(), Clock.systemUTC());
        listeners.start();
    }

    public static synchronized TlsCredentials tls() {
        if (sharedTls == null) {
            try {
                sharedTls = TlsCredentials.loadOrGenerate(Files.createTempDirectory("kuvert-tls"), HOSTNAME, Clock.systemUTC());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sharedTls;
    }

    public int port(Listener listener) {
        return listeners.port(listener);
    }

    public SmtpListeners listeners() {
        return listeners;
    }

    public Path spoolDirectory() {
        return dataDir.resolve("spool").resolve("smtp");
    }

    public SmtpClient connect(Listener listener) {
        return listener.implicitTls() ? SmtpClient.connectTls(port(listener)) : SmtpClient.connect(port(listener));
    }

    @Override
    public void close() {
        listeners.stop();
        mailbox.close();
        delivery.close();
    }
}

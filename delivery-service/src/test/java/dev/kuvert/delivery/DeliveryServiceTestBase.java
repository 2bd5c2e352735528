package dev.kuvert.delivery;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.delivery.support.HandOff;
import dev.kuvert.delivery.support.MailboxStub;
import dev.kuvert.delivery.support.SmtpSink;
import dev.kuvert.delivery.support.TestDns;
import dev.kuvert.delivery.support.TempDirs;
import dev.kuvert.launcher.db.EmbeddedMariaDb;
import dev.kuvert.support.PlatformSecret;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One running delivery-service for the integration tests that extend this (the context is shared):
 * real MariaDB, a spool in a temporary directory, {@link MailboxStub} as mailbox-service on loopback,
 * {@link TestDns} as the only DNS server (names it does not know answer SERVFAIL, so mail for them stays
 * deferred), {@link SmtpSink} as every mail exchanger's SMTP server (and smarthost: certificates of smarthosts are not
 * checked), a retry schedule of 300 ms then an hour, and a poll interval of 100 ms. Tests keep apart by using
 * addresses in a domain of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({RecordingFailureHook.class, RecordingBlobStore.Wrapping.class})
public abstract class DeliveryServiceTestBase {
    protected static final String SECRET = "delivery-test-secret-0123456789";
    protected static final Path DATA_DIR = TempDirs.forThisJvm("kuvert-delivery-it");
    protected static final MailboxStub MAILBOX = MailboxStub.shared();
    protected static final TestDns DNS = TestDns.shared();
    protected static final SmtpSink SINK = SmtpSink.shared();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        registry.add("spring.datasource.url", () -> db.jdbcUrl("kuvert_delivery_it"));
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("KUVERT_SECRET", () -> SECRET);
        registry.add("kuvert.data-dir", DATA_DIR::toString);
        registry.add("kuvert.mailbox-url", () -> MAILBOX.url().toString());
        // through the environment variable, so that a subclass can set kuvert.retry-schedule itself
        registry.add("KUVERT_RETRY_SCHEDULE", () -> "300ms,1h");
        registry.add("kuvert.outbound.dns-servers", DNS::server);
        registry.add("kuvert.outbound.mx-port", SINK::port);
        // smarthosts (the domains' own relays in the tests) are SmtpSinks with self-signed certificates
        registry.add("kuvert.outbound.relay.verify-certificate", () -> "false");
        registry.add("kuvert.hostname", () -> "out.kuvert.test");
        registry.add("kuvert.queue.poll-interval", () -> "100ms");
        registry.add("kuvert.queue.active-window", () -> "16");
        registry.add("kuvert.queue.retry-window", () -> "4");
        registry.add("logging.level.dev.kuvert.delivery", () -> "DEBUG");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected PlatformTransactionManager transactions;

    @Autowired
    protected PlatformSecret secret;

    @Autowired
    protected ObjectMapper json;

    @Autowired
    protected RecordingFailureHook failures;

    @Autowired
    protected RecordingBlobStore blobs;

    /** A domain no other test uses. */
    protected static String newDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    protected String handOff(String sender, byte[] message, String... recipients) {
        return HandOff.queueId(HandOff.post(port, secret.serviceCredential(), HandOff.envelope(sender, recipients), message));
    }

    /** The recipient rows of a message: recipient → state. */
    protected Map<String, String> states(String queueId) {
        return jdbc.sql("SELECT recipient, state FROM queue_recipient WHERE message_id = ?").param(queueId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    protected Map<String, Object> recipientRow(String queueId, String recipient) {
        return jdbc.sql("SELECT * FROM queue_recipient WHERE message_id = ? AND recipient = ?").params(queueId, recipient)
                .query().singleRow();
    }

    protected List<String> logStatuses(String queueId, String recipient) {
        return jdbc.sql("SELECT status FROM delivery_log WHERE queue_id = ? AND recipient = ? ORDER BY id").params(queueId, recipient)
                .query(String.class).list();
    }

    /** Whether the message's body is in the spool and the queue has not released it. */
    protected boolean bodyInSpool(String queueId) {
        return blobKey(queueId).filter(key -> blobs.exists(key) && !blobs.released(key)).isPresent();
    }

    protected byte[] body(String queueId) throws java.io.IOException {
        try (var in = blobs.open(blobKey(queueId).orElseThrow())) {
            return in.readAllBytes();
        }
    }

    private java.util.Optional<String> blobKey(String queueId) {
        return jdbc.sql("SELECT blob_key FROM queue_message WHERE id = ?").param(queueId).query(String.class).optional();
    }

    /** An API call as the gateway forwards it, for an administrator of {@code domains} ({@code *} for all). */
    protected HttpResponse<String> api(String method, String path, String domains) {
        return HandOff.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header(KuvertHeaders.SERVICE_CREDENTIAL, secret.serviceCredential())
                .header(KuvertHeaders.ADMIN, "tester")
                .header(KuvertHeaders.ADMIN_DOMAINS, domains)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    protected JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }


    /** Runs a write of the test's own: the service's connections are not in autocommit, every write commits explicitly. */
    protected int write(JdbcClient.StatementSpec statement) {
        return new TransactionTemplate(transactions).execute(status -> statement.update());
    }
}

package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.queue.QueueInternalClient;
import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.support.HandOff;
import dev.kuvert.delivery.support.MailboxStub;
import dev.kuvert.delivery.support.TempDirs;
import dev.kuvert.delivery.support.TcpProxy;
import dev.kuvert.launcher.db.EmbeddedMariaDb;
import dev.kuvert.support.PlatformSecret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The durable hand-off {@code POST /internal/v1/queue}, with the database behind a proxy the test can
 * cut. Recipients are remote, so their messages stay in the queue while the test looks at them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandOffIT {
    private static final String DATABASE = "kuvert_delivery_handoff_it";
    private static final Path DATA_DIR = TempDirs.forThisJvm("kuvert-handoff-it");
    private static TcpProxy proxy;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        proxy = new TcpProxy(db.port());
        registry.add("spring.datasource.url", () -> "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + DATABASE + "?createDatabaseIfNotExist=true");
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "3000");
        registry.add("KUVERT_SECRET", () -> "handoff-test-secret-0123456789");
        registry.add("kuvert.data-dir", DATA_DIR::toString);
        registry.add("kuvert.mailbox-url", () -> MailboxStub.shared().url().toString());
        // remote recipients: the loopback DNS server answers SERVFAIL for their domains, so they stay deferred
        registry.add("kuvert.outbound.dns-servers", () -> dev.kuvert.delivery.support.TestDns.shared().server());
        registry.add("kuvert.outbound.mx-port", () -> dev.kuvert.delivery.support.SmtpSink.shared().port());
        registry.add("kuvert.queue.max-message-size", () -> "64KB");
        registry.add("kuvert.queue.commit-timeout", () -> "5s");
        // a segment per message: every hand-off creates a spool file, so a broken spool fails the next one
        registry.add("kuvert.queue.spool-segment-size", () -> "1B");
    }


    @LocalServerPort
    int port;

    @Autowired
    PlatformSecret secret;

    @Autowired
    BlobStore blobs;

    @Test
    void aHandOffShouldAnswer201WithTheQueueIdOnlyOnceTheRowsAreCommittedAndTheBodyIsInTheSpool() throws Exception {
        byte[] message = HandOff.message("durable", 4096);

        HttpResponse<String> response = post(HandOff.envelope("Alice@Example.org", "bob@remote.example", "Carol@Remote.example"), message);

        assertThat(response.statusCode()).isEqualTo(201);
        String queueId = HandOff.queueId(response);
        assertThat(queueId).matches("[0-9A-Z]{20}");
        assertThat(response.headers().firstValue("Location")).contains("/api/v1/queue/" + queueId);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Content-Length")).contains(String.valueOf(response.body().length()));
        assertThat(response.headers().firstValue("Transfer-Encoding")).isEmpty();
        try (Connection direct = directConnection()) {
            var message_ = direct.prepareStatement("SELECT sender, size_bytes, client_address, listener FROM queue_message WHERE id = ?");
            message_.setString(1, queueId);
            try (ResultSet rs = message_.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("sender")).isEqualTo("alice@example.org");
                assertThat(rs.getLong("size_bytes")).isEqualTo(message.length);
                assertThat(rs.getString("client_address")).isEqualTo("192.0.2.10");
                assertThat(rs.getString("listener")).isEqualTo("MX");
            }
            var recipients = direct.prepareStatement("SELECT recipient FROM queue_recipient WHERE message_id = ? ORDER BY id");
            recipients.setString(1, queueId);
            List<String> addresses = new ArrayList<>();
            try (ResultSet rs = recipients.executeQuery()) {
                while (rs.next()) {
                    addresses.add(rs.getString(1));
                }
            }
            assertThat(addresses).containsExactly("bob@remote.example", "carol@remote.example");
        }
        assertThat(body(queueId)).isEqualTo(message);
    }

    @Test
    void concurrentHandOffsShouldAllBeQueuedWithTheirOwnBodies() throws Exception {
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 64; i++) {
                byte[] message = HandOff.message("concurrent " + i, 2000 + i);
                responses.add(clients.submit(() -> post(HandOff.envelope("alice@example.org", "bob@remote.example"), message)));
            }
            for (int i = 0; i < responses.size(); i++) {
                String queueId = HandOff.queueId(responses.get(i).get());
                assertThat(new String(body(queueId))).contains("concurrent " + i + "\r\n");
            }
        }
    }

    @Test
    void malformedHandOffsShouldBe400ProblemsAndNotQueueAnything() {
        String hundredAndOne = IntStream.rangeClosed(1, 101).mapToObj(i -> "r" + i + "@remote.example").collect(Collectors.joining(","));
        List<String> envelopes = List.of(
                "{\"mailFrom\":\"alice@example.org\",\"recipients\":[]}",
                HandOff.envelope("alice@example.org", hundredAndOne.split(",")),
                HandOff.envelope("alice@example.org", "not an address"),
                HandOff.envelope("not an address", "bob@remote.example"),
                "{\"mailFrom\":\"alice@example.org\"",
                "not json");
        for (String envelope : envelopes) {
            HttpResponse<String> response = post(envelope, HandOff.message("bad", 100));
            assertThat(response.statusCode()).as(envelope).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        HttpResponse<String> noEnvelopeLine = send(request(QueueInternalClient.PATH, EnvelopeFraming.CONTENT_TYPE, secret.serviceCredential(),
                "{\"mailFrom\":\"\"".getBytes()));
        assertThat(noEnvelopeLine.statusCode()).isEqualTo(400);
        HttpResponse<String> wrongType = send(request(QueueInternalClient.PATH, "text/plain", secret.serviceCredential(),
                HandOff.framed(HandOff.envelope("alice@example.org", "bob@remote.example"), new byte[10])));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        HttpResponse<String> noCredential = send(request(QueueInternalClient.PATH, EnvelopeFraming.CONTENT_TYPE, "forged",
                HandOff.framed(HandOff.envelope("alice@example.org", "bob@remote.example"), new byte[10])));
        assertThat(noCredential.statusCode()).isEqualTo(401);
    }

    @Test
    void aMessageOverTheSizeLimitShouldBe413WhetherItsLengthIsDeclaredOrNotAndLeaveNoBody() throws Exception {
        List<String> before = spoolContent();
        byte[] big = HandOff.message("big", 100 * 1024);
        String envelope = HandOff.envelope("alice@example.org", "bob@remote.example");

        assertThat(post(envelope, big).statusCode()).isEqualTo(413);
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + QueueInternalClient.PATH))
                .header(KuvertHeaders.SERVICE_CREDENTIAL, secret.serviceCredential())
                .header("Content-Type", EnvelopeFraming.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(HandOff.framed(envelope, big))))
                .build());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("65536");
        assertThat(spoolContent()).isEqualTo(before);
    }

    @Test
    void whenTheDatabaseIsDownAHandOffShouldAnswer503QuicklyAndAcceptAgainOnceItIsBack() {
        String envelope = HandOff.envelope("alice@example.org", "bob@remote.example");
        proxy.cut();
        try {
            Instant start = Instant.now();
            HttpResponse<String> refused = post(envelope, HandOff.message("outage", 1000));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
        } finally {
            proxy.restore();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> post(envelope, HandOff.message("after the outage", 1000)).statusCode() == 201);
    }

    @Test
    void whenTheSpoolCannotBeWrittenAHandOffShouldAnswer503() throws IOException {
        Path segments = DATA_DIR.resolve("spool/segments");
        Path aside = DATA_DIR.resolve("spool/segments.aside");
        Files.move(segments, aside);
        Files.writeString(segments, "not a directory");
        try {
            assertThat(post(HandOff.envelope("alice@example.org", "bob@remote.example"), HandOff.message("no spool", 1000)).statusCode())
                    .isEqualTo(503);
        } finally {
            Files.delete(segments);
            Files.move(aside, segments);
        }
        assertThat(post(HandOff.envelope("alice@example.org", "bob@remote.example"), HandOff.message("spool back", 1000)).statusCode())
                .isEqualTo(201);
    }

    private HttpResponse<String> post(String envelope, byte[] message) {
        return HandOff.post(port, secret.serviceCredential(), envelope, message);
    }

    private HttpRequest request(String path, String contentType, String credential, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(KuvertHeaders.SERVICE_CREDENTIAL, credential)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        return HandOff.send(request);
    }

    /** Every file in the spool with its size. */
    private static List<String> spoolContent() throws IOException {
        try (Stream<Path> files = Files.walk(DATA_DIR.resolve("spool"))) {
            return files.filter(Files::isRegularFile).map(f -> f + " " + f.toFile().length()).sorted().toList();
        }
    }

    private byte[] body(String queueId) throws Exception {
        String key;
        try (Connection direct = directConnection(); var query = direct.prepareStatement("SELECT blob_key FROM queue_message WHERE id = ?")) {
            query.setString(1, queueId);
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).as(queueId + " is queued").isTrue();
                key = rs.getString(1);
            }
        }
        try (var in = blobs.open(key)) {
            return in.readAllBytes();
        }
    }

    private static Connection directConnection() throws Exception {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        return DriverManager.getConnection(db.jdbcUrl(DATABASE), db.user(), db.password());
    }

}

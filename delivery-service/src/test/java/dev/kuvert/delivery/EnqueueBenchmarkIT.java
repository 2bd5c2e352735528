package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.delivery.support.HandOff;
import dev.kuvert.delivery.support.MailboxStub;
import dev.kuvert.delivery.support.TempDirs;
import dev.kuvert.launcher.db.EmbeddedMariaDb;
import dev.kuvert.support.PlatformSecret;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many hand-offs per second the queue takes with full durability: a MariaDB that flushes its redo
 * log at every commit ({@code innodb_flush_log_at_trx_commit=1}, doublewrite on) and every body fsynced
 * with its directory, on the real disk. N clients on persistent connections post M messages of 4 KB
 * while the queue delivers them to a mailbox stub; first with group commit, then with one commit per
 * message for comparison. Not part of {@code mvn verify}; run it with
 *
 * <pre>
 * mvn -B -o -pl delivery-service verify -Dbenchmark.excluded=none -Dit.test=EnqueueBenchmarkIT -Dtest=NONE \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbenchmark.clients=20 -Dbenchmark.messages=2000 -Dbenchmark.size=4096]
 *     [-Dbenchmark.deliver=false (remote recipients: no local delivery)] [-Dbenchmark.jfr=/tmp/enqueue (a JFR profile per run)]
 * </pre>
 */
@Tag("benchmark")
class EnqueueBenchmarkIT {
    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 20);
    private static final int MESSAGES = Integer.getInteger("benchmark.messages", 2000);
    private static final int SIZE = Integer.getInteger("benchmark.size", 4096);
    /** false: the recipients are remote, so the queue only defers them (no local delivery competes for the CPU). */
    private static final boolean DELIVER = Boolean.parseBoolean(System.getProperty("benchmark.deliver", "true"));
    private static final String SECRET = "benchmark-secret-0123456789abcdef";

    @Test
    void enqueueRateWithFsync() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kuvert-bench");
        List<String> report = new ArrayList<>();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(EmbeddedMariaDb.Options.of(dir.resolve("db"), 0))) {
            for (int commitBatch : List.of(256, 1)) {
                report.add(run(db, dir, commitBatch));
            }
        } finally {
            TempDirs.delete(dir);
        }
        System.out.printf("%n=== enqueue benchmark: %d clients, %d messages of %d bytes, fsync on ===%n%s%n", CLIENTS, MESSAGES, SIZE,
                String.join("\n", report));
    }

    private String run(EmbeddedMariaDb db, Path dir, int commitBatch) throws Exception {
        String database = "kuvert_delivery_bench_" + commitBatch;
        Path data = Files.createDirectories(dir.resolve("data-" + commitBatch));
        MailboxStub mailbox = MailboxStub.shared();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DeliveryServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + db.jdbcUrl(database),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--KUVERT_SECRET=" + SECRET,
                "--kuvert.data-dir=" + data,
                "--kuvert.mailbox-url=" + mailbox.url(),
                // remote recipients stay deferred: the loopback DNS server answers SERVFAIL for their domains
                "--kuvert.outbound.dns-servers=" + dev.kuvert.delivery.support.TestDns.shared().server(),
                "--kuvert.queue.commit-batch=" + commitBatch,
                "--logging.level.root=WARN")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String credential = app.getBean(PlatformSecret.class).serviceCredential();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT @@innodb_flush_log_at_trx_commit").query(Integer.class).single()).isEqualTo(1);
            String domain = "bench" + commitBatch + ".test";
            for (int i = 0; i < CLIENTS && DELIVER; i++) {
                mailbox.account("user" + i + "@" + domain);
            }
            byte[] message = HandOff.message("benchmark", SIZE);

            post(port, credential, domain, message, Math.min(200, MESSAGES));
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            double commitsBefore = meters.get("kuvert.queue.intake.commits").functionCounter().count();
            double messagesBefore = meters.get("kuvert.queue.intake.messages").functionCounter().count();

            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            String jfr = System.getProperty("benchmark.jfr");
            var recording = jfr == null ? null : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            if (recording != null) {
                recording.setDestination(Path.of(jfr + "-" + commitBatch + ".jfr"));
                recording.start();
            }
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            List<Long> latencies = post(port, credential, domain, message, MESSAGES);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuPerMessage = (os.getProcessCpuTime() - cpu0) / 1e6 / MESSAGES;
            if (recording != null) {
                recording.stop();
                recording.close();
            }
            double commits = meters.get("kuvert.queue.intake.commits").functionCounter().count() - commitsBefore;
            double committed = meters.get("kuvert.queue.intake.messages").functionCounter().count() - messagesBefore;

            long total = Math.min(200, MESSAGES) + MESSAGES;
            String done = DELIVER ? "DELIVERED" : "DEFERRED";
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                    jdbc.sql("SELECT COUNT(*) FROM queue_recipient WHERE state = ?").param(done).query(Long.class).single() >= total);
            double allDelivered = (System.nanoTime() - start) / 1e9;
            Collections.sort(latencies);
            return "commit-batch %3d: %7.0f msg/s accepted (%.2f s), hand-off p50 %.1f ms p99 %.1f ms, %.1f messages per group commit, JVM CPU %.2f ms per message (service, clients and stub); all %s after %.2f s (%.0f msg/s)"
                    .formatted(commitBatch, MESSAGES / seconds, seconds, percentile(latencies, 50), percentile(latencies, 99),
                            committed / Math.max(1, commits), cpuPerMessage, DELIVER ? "delivered to the stub" : "attempted (remote: deferred)", allDelivered,
                            MESSAGES / allDelivered);
        }
    }

    private static List<Long> post(int port, String credential, String domain, byte[] message, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String envelope = HandOff.envelope("sender@example.org", "user" + c + "@" + domain);
                running.add(clients.submit(() -> {
                    while (next.getAndIncrement() < count) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = HandOff.post(port, credential, envelope, message);
                        latencies.add(System.nanoTime() - t0);
                        if (response.statusCode() != 201) {
                            throw new AssertionError("hand-off failed: " + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return latencies;
    }

    private static double percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}

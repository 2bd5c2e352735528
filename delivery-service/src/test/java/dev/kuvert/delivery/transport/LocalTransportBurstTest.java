package dev.kuvert.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.delivery.spool.FileSystemBlobStore;
import dev.kuvert.delivery.support.MailboxStub;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** During an intake burst a mailbox's deliveries wait and go together at most once a second; otherwise at once. */
class LocalTransportBurstTest {
    private static final MailboxStub MAILBOX = MailboxStub.shared();
    private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    @TempDir
    Path spool;

    private Delivery delivery(BlobStore blobs, String account) throws Exception {
        byte[] body = ("Subject: burst\r\n\r\n" + UUID.randomUUID() + "\r\n").getBytes(StandardCharsets.US_ASCII);
        BlobStore.StoredBlob blob = blobs.write(new ByteArrayInputStream(body), 1 << 20);
        String queueId = "Q" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
        return new Delivery(queueId, "sender@remote.example", account, blob.key(), blob.size(), null);
    }

    /** The first delivery alone, then three more once it is done: how long the three took, and the batches. */
    private long threeAfterOne(boolean burst, String account) throws Exception {
        MAILBOX.account(account);
        BlobStore blobs = new FileSystemBlobStore(spool);
        var transport = new LocalTransport(MAILBOX.url(), "credential", blobs, JsonMapper.builder().build(), Duration.ofSeconds(10),
                () -> burst);
        assertThat(transport.deliver(delivery(blobs, account))).isInstanceOf(Outcome.Delivered.class);
        long start = System.nanoTime();
        List<Delivery> three = List.of(delivery(blobs, account), delivery(blobs, account), delivery(blobs, account));
        List<CompletableFuture<Outcome>> outcomes = three.stream()
                .map(d -> CompletableFuture.supplyAsync(() -> transport.deliver(d), VIRTUAL))
                .toList();
        for (CompletableFuture<Outcome> outcome : outcomes) {
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Delivered.class);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void duringABurstTheNextRoundShouldWaitASecondAndTakeAllThatWaited() throws Exception {
        String account = "burst-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        long took = threeAfterOne(true, account);

        assertThat(took).isGreaterThanOrEqualTo(LocalTransport.BURST_HOLD.toMillis() - 100);
        assertThat(MAILBOX.batchSizes(account)).containsExactly(1, 3);
    }

    @Test
    void withoutABurstNothingShouldWait() throws Exception {
        String account = "calm-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        long took = threeAfterOne(false, account);

        assertThat(took).isLessThan(LocalTransport.BURST_HOLD.toMillis() - 100);
        assertThat(MAILBOX.batchSizes(account).stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
    }
}

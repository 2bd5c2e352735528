package dev.kuvert.delivery.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedBlobStoreTest extends BlobStoreContract {
    private static final int INLINE_LIMIT = 64 * 1024;
    private static final long SEGMENT_BYTES = 100_000;

    @TempDir
    Path root;

    private static final Duration IDLE_ROTATION = Duration.ofMinutes(10);
    private final MutableClock clock = new MutableClock();

    @Override
    protected BlobStore createStore() {
        return new SegmentedBlobStore(root, INLINE_LIMIT, SEGMENT_BYTES, IDLE_ROTATION, clock);
    }

    @Test
    void aSegmentIdleForTheRotationTimeShouldNeverBeAppendedToAgain() throws IOException {
        BlobStore.StoredBlob first = write("first");
        clock.advance(IDLE_ROTATION.minusSeconds(1));
        BlobStore.StoredBlob soonAfter = write("soon after");
        clock.advance(IDLE_ROTATION.plusSeconds(1));
        BlobStore.StoredBlob afterAPause = write("after a pause");

        assertThat(BlobStore.containerOf(soonAfter.key())).isEqualTo(BlobStore.containerOf(first.key()));
        assertThat(BlobStore.containerOf(afterAPause.key())).isNotEqualTo(BlobStore.containerOf(first.key()));
        assertThat(store.containersIdleSince(Instant.now().plusSeconds(60), 100)).containsExactly(BlobStore.containerOf(first.key()));
    }

    @Test
    void smallBlobsShouldShareASegmentAndLargeOnesGetAFileEach() throws IOException {
        BlobStore.StoredBlob first = write("first");
        BlobStore.StoredBlob second = write("second");
        BlobStore.StoredBlob large = store.write(new ByteArrayInputStream(new byte[INLINE_LIMIT + 1]), 1 << 20);

        assertThat(BlobStore.containerOf(first.key())).isEqualTo(BlobStore.containerOf(second.key()));
        assertThat(segmentFiles()).hasSize(1);
        assertThat(root.resolve("messages").resolve(large.key())).hasSize(INLINE_LIMIT + 1);
        assertThat(large.size()).isEqualTo(INLINE_LIMIT + 1);
    }

    @Test
    void aFullSegmentShouldBeSealedAndGoOnceEveryBlobInItIsReleased() throws IOException {
        List<BlobStore.StoredBlob> firstSegment = new ArrayList<>();
        BlobStore.StoredBlob blob = write("x".repeat(30_000));
        String sealed = BlobStore.containerOf(blob.key());
        while (BlobStore.containerOf(blob.key()).equals(sealed)) {
            firstSegment.add(blob);
            blob = write("x".repeat(30_000));
        }
        assertThat(firstSegment).hasSize(3);
        assertThat(segmentFiles()).hasSize(2);

        for (int i = 0; i < firstSegment.size() - 1; i++) {
            store.release(firstSegment.get(i).key());
        }
        assertThat(store.exists(firstSegment.getLast().key())).isTrue();
        store.release(firstSegment.getLast().key());

        assertThat(segmentFiles()).containsExactly(BlobStore.containerOf(blob.key()));
        assertThat(store.exists(blob.key())).isTrue();
    }

    @Test
    void theSegmentBeingWrittenShouldNeverBeOfferedToTheJanitor() throws IOException {
        write("pending");
        store.release(write("done").key());

        assertThat(store.containersIdleSince(Instant.now().plusSeconds(60), 100)).isEmpty();
    }

    @Test
    void segmentsOfAnEarlierRunShouldStayReadableUntilTheJanitorDeletesThem() throws IOException {
        BlobStore.StoredBlob earlier = write("queued before a restart");
        store.sync(List.of(earlier.key()));
        BlobStore restarted = new SegmentedBlobStore(root, INLINE_LIMIT, SEGMENT_BYTES, IDLE_ROTATION, clock);
        BlobStore.StoredBlob later = restarted.write(new ByteArrayInputStream("after".getBytes(StandardCharsets.US_ASCII)), 100);

        restarted.release(earlier.key());
        try (InputStream in = restarted.open(earlier.key())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("queued before a restart");
        }
        List<String> idle = restarted.containersIdleSince(Instant.now().plusSeconds(60), 100);
        assertThat(idle).containsExactly(BlobStore.containerOf(earlier.key()));

        restarted.deleteContainer(idle.getFirst());
        assertThat(restarted.exists(earlier.key())).isFalse();
        assertThat(restarted.exists(later.key())).isTrue();
    }

    @Test
    void concurrentWritersShouldEachGetTheirOwnBytesBack() throws Exception {
        Map<String, String> written = new ConcurrentHashMap<>();
        try (ExecutorService writers = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String text = ("writer " + writer + " message " + i + " ").repeat(1 + i % 50);
                        written.put(write(text).key(), text);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        store.sync(written.keySet());

        assertThat(written).hasSize(1600);
        for (var entry : written.entrySet()) {
            try (InputStream in = store.open(entry.getKey())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(entry.getValue());
            }
        }
        assertThat(segmentFiles().size()).isGreaterThan(1);
    }

    @Test
    void aKeyPointingPastTheEndOfItsSegmentShouldNotExist() throws IOException {
        BlobStore.StoredBlob stored = write("short");
        String beyond = BlobStore.containerOf(stored.key()) + ".0.999999";

        assertThat(store.exists(beyond)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.open(beyond)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    private BlobStore.StoredBlob write(String text) throws IOException {
        return store.write(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), 1 << 20);
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock implements InstantSource {
        private Instant now = Instant.parse("2026-11-27T10:00:00Z");

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private List<String> segmentFiles() throws IOException {
        try (var files = Files.list(root.resolve("segments"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

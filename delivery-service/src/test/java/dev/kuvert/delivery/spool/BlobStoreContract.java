package dev.kuvert.delivery.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} adapter must do; each adapter's test extends it. */
abstract class BlobStoreContract {
    protected BlobStore store;

    protected abstract BlobStore createStore() throws IOException;

    @BeforeEach
    void setUp() throws IOException {
        store = createStore();
    }

    @Test
    void aWrittenBlobShouldReadBackByteForByte() throws IOException {
        for (int size : List.of(0, 1, 4096, 300_000)) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);

            BlobStore.StoredBlob stored = store.write(new ByteArrayInputStream(content), content.length);
            store.sync(List.of(stored.key()));

            assertThat(stored.size()).isEqualTo(content.length);
            assertThat(store.exists(stored.key())).isTrue();
            try (InputStream in = store.open(stored.key())) {
                assertThat(in.readAllBytes()).as("%d bytes", size).isEqualTo(content);
            }
        }
    }

    @Test
    void blobsWrittenOneAfterAnotherShouldKeepTheirOwnContent() throws IOException {
        List<BlobStore.StoredBlob> stored = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stored.add(store.write(new ByteArrayInputStream(("message " + i).getBytes()), 100));
        }
        store.sync(stored.stream().map(BlobStore.StoredBlob::key).toList());

        for (int i = 0; i < 20; i++) {
            try (InputStream in = store.open(stored.get(i).key())) {
                assertThat(new String(in.readAllBytes())).isEqualTo("message " + i);
            }
        }
        assertThat(stored.stream().map(BlobStore.StoredBlob::key).distinct()).hasSize(20);
    }

    @Test
    void aBlobOverTheLimitShouldBeRefusedAndLeaveNothing() throws IOException {
        for (int size : List.of(1001, 400_000)) {
            assertThatThrownBy(() -> store.write(new ByteArrayInputStream(new byte[size]), size - 1))
                    .isInstanceOf(BlobTooLargeException.class);
        }
        assertThat(store.containersIdleSince(Instant.now().plusSeconds(60), 100)).isEmpty();
    }

    @Test
    void aWriteWhoseSourceFailsShouldLeaveNothing() throws IOException {
        InputStream failing = new InputStream() {
            private int count;

            @Override
            public int read() throws IOException {
                if (count++ > 10) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> store.write(failing, 1000)).isInstanceOf(IOException.class);
        assertThat(store.containersIdleSince(Instant.now().plusSeconds(60), 100)).isEmpty();
    }

    @Test
    void releaseShouldTolerateABlobReleasedTwiceOrMissing() throws IOException {
        BlobStore.StoredBlob stored = store.write(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);

        store.release(stored.key());
        store.release(stored.key());
        store.release("m0000");
    }

    @Test
    void containersIdleSinceACutoffShouldListOldContainersOnly() throws IOException {
        BlobStore.StoredBlob stored = store.write(new ByteArrayInputStream(new byte[] {1}), 10);

        assertThat(store.containersIdleSince(Instant.now().minusSeconds(60), 100)).doesNotContain(BlobStore.containerOf(stored.key()));
    }

    @Test
    void keysThatCouldEscapeTheStoreShouldBeRefused() {
        for (String key : List.of("../x", "a/b", ".hidden", "", "x y", "../../etc/passwd.0.10")) {
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package dev.kuvert.delivery.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
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
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);

        long written = store.write("Q1", new ByteArrayInputStream(content), content.length);
        store.sync(List.of("Q1"));

        assertThat(written).isEqualTo(content.length);
        assertThat(store.exists("Q1")).isTrue();
        try (InputStream in = store.open("Q1")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aBlobOverTheLimitShouldBeRefusedAndLeaveNothing() {
        byte[] content = new byte[1001];

        assertThatThrownBy(() -> store.write("Q2", new ByteArrayInputStream(content), 1000)).isInstanceOf(BlobTooLargeException.class);
        assertThat(store.exists("Q2")).isFalse();
    }

    @Test
    void aWriteWhoseSourceFailsShouldLeaveNothing() {
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

        assertThatThrownBy(() -> store.write("Q3", failing, 1000)).isInstanceOf(IOException.class);
        assertThat(store.exists("Q3")).isFalse();
    }

    @Test
    void deleteShouldRemoveTheBlobAndToleratesAMissingOne() throws IOException {
        store.write("Q4", new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);

        store.delete("Q4");
        store.delete("Q4");

        assertThat(store.exists("Q4")).isFalse();
        assertThatThrownBy(() -> store.open("Q4")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void keysStoredBeforeACutoffShouldListOldBlobsOnly() throws IOException {
        store.write("Q5", new ByteArrayInputStream(new byte[] {1}), 10);

        assertThat(store.keysStoredBefore(Instant.now().plusSeconds(60), 100)).contains("Q5");
        assertThat(store.keysStoredBefore(Instant.now().minusSeconds(60), 100)).doesNotContain("Q5");
    }

    @Test
    void keysThatCouldEscapeTheStoreShouldBeRefused() {
        for (String key : List.of("../x", "a/b", ".hidden", "", "x y")) {
            assertThatThrownBy(() -> store.write(key, new ByteArrayInputStream(new byte[0]), 10))
                    .as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

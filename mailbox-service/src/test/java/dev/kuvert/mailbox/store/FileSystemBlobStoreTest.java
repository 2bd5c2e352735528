package dev.kuvert.mailbox.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    private FileSystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = new FileSystemBlobStore(root);
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Test
    void noTemporaryFileShouldBeLeftBehind() throws Exception {
        store.put(new java.io.ByteArrayInputStream(new byte[10]), 100);
        try (var temps = Files.list(root.resolve("incoming"))) {
            assertThat(temps).isEmpty();
        }
    }
}

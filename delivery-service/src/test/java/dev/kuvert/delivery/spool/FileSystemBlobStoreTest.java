package dev.kuvert.delivery.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    protected BlobStore createStore() {
        return new FileSystemBlobStore(root);
    }

    @Test
    void blobsShouldLiveUnderMessagesAndPartialWritesUnderTmp() throws IOException {
        store.write("Q9", new java.io.ByteArrayInputStream(new byte[] {42}), 10);

        assertThat(root.resolve("messages/Q9")).hasBinaryContent(new byte[] {42});
        try (var leftovers = Files.list(root.resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void purgeShouldRemoveOnlyOldUnfinishedWrites() throws IOException {
        Path old = Files.writeString(root.resolve("tmp/A.1.part"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(7200)));
        Path fresh = Files.writeString(root.resolve("tmp/B.2.part"), "writing");

        assertThat(store.purgeUnfinishedWrites(Instant.now().minusSeconds(3600))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
    }
}

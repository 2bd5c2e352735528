package dev.kuvert.delivery.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        BlobStore.StoredBlob stored = store.write(new ByteArrayInputStream(new byte[] {42}), 10);

        assertThat(root.resolve("messages").resolve(stored.key())).hasBinaryContent(new byte[] {42});
        try (var leftovers = Files.list(root.resolve("tmp"))) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void everyBlobShouldBeAContainerOfItsOwnGoneWhenReleasedOrDeleted() throws IOException {
        BlobStore.StoredBlob released = store.write(new ByteArrayInputStream(new byte[] {1}), 10);
        BlobStore.StoredBlob deleted = store.write(new ByteArrayInputStream(new byte[] {2}), 10);
        assertThat(store.containersIdleSince(Instant.now().plusSeconds(60), 100))
                .containsExactlyInAnyOrder(released.key(), deleted.key());

        store.release(released.key());
        store.deleteContainer(BlobStore.containerOf(deleted.key()));

        for (BlobStore.StoredBlob gone : new BlobStore.StoredBlob[] {released, deleted}) {
            assertThat(store.exists(gone.key())).isFalse();
            assertThatThrownBy(() -> store.open(gone.key())).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void keysFromBeforeTheStoreChoseThemShouldStillBeRead() throws IOException {
        Files.writeString(root.resolve("messages/01JQ0ABCDEFGHJKMNPQR"), "queued by an older version");

        try (var in = store.open("01JQ0ABCDEFGHJKMNPQR")) {
            assertThat(new String(in.readAllBytes())).isEqualTo("queued by an older version");
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

package dev.kuvert.mailbox.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    private FileSystemBlobStore store;

    @BeforeEach
    void open() throws IOException {
        store = new FileSystemBlobStore(root);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Test
    void aBlobOfKnownSizeShouldBeReadWholeAcrossBuffersAndSkips() throws Exception {
        byte[] content = new byte[KnownSizeBlobStream.BUFFER_SIZE * 3 + 17];
        new java.util.Random(7).nextBytes(content);
        BlobStore.Blob blob = store.put(new java.io.ByteArrayInputStream(content), content.length);
        try (InputStream in = store.openWithKnownSize(blob.id(), blob.size())) {
            assertThat(in.available()).isEqualTo(content.length);
            assertThat(in.read()).isEqualTo(content[0] & 0xff);
            assertThat(in.readNBytes(10)).isEqualTo(Arrays.copyOfRange(content, 1, 11));
            assertThat(in.skip(KnownSizeBlobStream.BUFFER_SIZE)).isEqualTo(KnownSizeBlobStream.BUFFER_SIZE);
            int at = 11 + KnownSizeBlobStream.BUFFER_SIZE;
            assertThat(in.available()).isEqualTo(content.length - at);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, at, content.length));
            assertThat(in.available()).isZero();
            assertThat(in.read()).isEqualTo(-1);
        }
        try (InputStream in = store.openWithKnownSize(blob.id(), blob.size())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aBlobOfKnownSizeShouldBeOpenedOnlyAtItsFirstRead() throws Exception {
        BlobStore.Blob blob = store.put(new java.io.ByteArrayInputStream("later".getBytes(StandardCharsets.US_ASCII)), 100);
        InputStream in = store.openWithKnownSize(blob.id(), blob.size());
        assertThat(in.available()).as("answered from the recorded size").isEqualTo(5);
        store.delete(blob.id());
        assertThatThrownBy(in::read).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.openWithKnownSize("../../etc/passwd", 5)).isInstanceOf(IOException.class);
    }

    @Test
    void aBlobOfKnownSizeShouldGiveExactlyThatSizeAndFailWhenShorter() throws Exception {
        BlobStore.Blob blob = store.put(new java.io.ByteArrayInputStream("0123456789".getBytes(StandardCharsets.US_ASCII)), 100);
        try (InputStream in = store.openWithKnownSize(blob.id(), 4)) {
            assertThat(in.readAllBytes()).isEqualTo("0123".getBytes(StandardCharsets.US_ASCII));
        }
        try (InputStream in = store.openWithKnownSize(blob.id(), 11)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(EOFException.class);
        }
        try (InputStream in = store.openWithKnownSize(blob.id(), 0)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void noTemporaryFileShouldBeLeftBehind() throws Exception {
        store.put(new java.io.ByteArrayInputStream(new byte[10]), 100);
        try (var temps = Files.list(root.resolve("incoming"))) {
            assertThat(temps).isEmpty();
        }
    }

    @Test
    void aBatchShouldLeaveNoTemporaryFileBehindAndReadBackAfterReopening() throws Exception {
        java.util.List<byte[]> contents = new java.util.ArrayList<>();
        for (int i = 0; i < FileSystemBlobStore.SYNCFS_BATCH * 3; i++) {
            byte[] content = new byte[4096 + i];
            new java.util.Random(i).nextBytes(content);
            contents.add(content);
        }
        var blobs = store.putAll(contents, 1 << 20);
        try (var temps = Files.list(root.resolve("incoming"))) {
            assertThat(temps).isEmpty();
        }
        store.close();
        store = new FileSystemBlobStore(root);
        for (int i = 0; i < contents.size(); i++) {
            try (InputStream in = store.openWithKnownSize(blobs.get(i).id(), contents.get(i).length)) {
                assertThat(in.readAllBytes()).isEqualTo(contents.get(i));
            }
        }
    }

    @Test
    void tempFilesLeftOverFromACrashShouldBeRemovedAtStartButRecentOnesKept() throws Exception {
        Path stale = Files.writeString(root.resolve("incoming").resolve("blob-1-2-3.tmp"), "half");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
        Path recent = Files.writeString(root.resolve("incoming").resolve("blob-1-2-4.tmp"), "being written");
        store.close();
        store = new FileSystemBlobStore(root);
        assertThat(stale).doesNotExist();
        assertThat(recent).exists();
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void linuxShouldSyncTheWholeFileSystemInOneCall() throws Exception {
        try (FileSystemSync fileSystem = FileSystemSync.of(root).orElseThrow()) {
            fileSystem.sync();
        }
        assertThatThrownBy(() -> FileSystemSync.of(root.resolve("missing"))).isInstanceOf(IOException.class).hasMessageContaining("errno 2");
    }
}

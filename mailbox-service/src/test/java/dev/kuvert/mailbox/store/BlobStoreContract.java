package dev.kuvert.mailbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} adapter must do; each adapter's test extends this. */
abstract class BlobStoreContract {
    abstract BlobStore store();

    @Test
    void putShouldReturnTheSha256AndSizeAndOpenShouldGiveTheSameBytes() throws Exception {
        byte[] content = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        BlobStore.Blob blob = store().put(new ByteArrayInputStream(content), 1024);
        assertThat(blob.size()).isEqualTo(content.length);
        assertThat(blob.id()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(content)));
        try (InputStream in = store().open(blob.id()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(store().exists(blob.id())).isTrue();
        assertThat(store().lastTouched(blob.id())).isPresent();
    }

    @Test
    void theSameBytesTwiceShouldBeOneBlob() throws Exception {
        byte[] content = "same".getBytes(StandardCharsets.US_ASCII);
        var first = store().put(new ByteArrayInputStream(content), 1024);
        var second = store().put(new ByteArrayInputStream(content), 1024);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void putShouldRefuseMoreThanTheLimitAndKeepNothing() throws Exception {
        byte[] content = new byte[2048];
        assertThatThrownBy(() -> store().put(new ByteArrayInputStream(content), 1024)).isInstanceOf(BlobStore.TooLargeException.class);
        String id = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(store().exists(id)).isFalse();
    }

    @Test
    void deleteShouldRemoveAndUnknownOrMalformedIdsShouldBeAbsent() throws Exception {
        var blob = store().put(new ByteArrayInputStream("bye".getBytes(StandardCharsets.US_ASCII)), 1024);
        store().delete(blob.id());
        assertThat(store().open(blob.id())).isEmpty();
        assertThat(store().open("../../etc/passwd")).isEmpty();
        assertThat(store().exists("0".repeat(64))).isFalse();
    }

    @Test
    void putAllShouldStoreEachInOrderAndKeepDuplicatesOnce() throws Exception {
        java.util.List<byte[]> contents = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            contents.add(("Subject: " + (i % 7) + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] existing = store().put(new ByteArrayInputStream(contents.get(2)), 1024).id().getBytes(StandardCharsets.US_ASCII);
        var blobs = store().putAll(contents, 1024);
        assertThat(blobs).hasSize(9);
        for (int i = 0; i < 9; i++) {
            assertThat(blobs.get(i).size()).isEqualTo(contents.get(i).length);
            try (InputStream in = store().open(blobs.get(i).id()).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(contents.get(i));
            }
        }
        assertThat(blobs.get(7)).as("the same bytes as the first").isEqualTo(blobs.get(0));
        assertThat(new String(existing, StandardCharsets.US_ASCII)).isEqualTo(blobs.get(2).id());
    }

    @Test
    void putAllShouldRefuseABatchWithAPartOverTheLimitAndKeepNothingOfIt() throws Exception {
        java.util.List<byte[]> contents = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            contents.add(("part " + i).getBytes(StandardCharsets.US_ASCII));
        }
        contents.add(new byte[2048]);
        assertThatThrownBy(() -> store().putAll(contents, 1024)).isInstanceOf(BlobStore.TooLargeException.class);
        String first = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(contents.get(0)));
        assertThat(store().exists(first)).isFalse();
    }
}

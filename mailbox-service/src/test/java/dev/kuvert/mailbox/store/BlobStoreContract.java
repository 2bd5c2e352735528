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
}

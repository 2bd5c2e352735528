package dev.kuvert.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.support.tls.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
    @Test
    void aSelfSignedPairShouldBeGeneratedOnceForTheHostnameAndReused(@TempDir Path dataDir) throws Exception {
        TlsMaterial first = TlsMaterial.load(null, null, dataDir, "mail.example.test");
        assertThat(first.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.test");
        assertThat(first.certificate().getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("mail.example.test"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls/key.pem")))).isEqualTo("rw-------");

        TlsMaterial again = TlsMaterial.load("", "", dataDir, "mail.example.test");
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(again.serverContext().getProtocol()).isEqualTo("TLS");

        TlsMaterial configured = TlsMaterial.load(dataDir.resolve("tls/cert.pem").toString(), dataDir.resolve("tls/key.pem").toString(),
                Path.of("/nonexistent"), "ignored");
        assertThat(configured.certificate()).isEqualTo(first.certificate());
    }
}

package dev.kuvert.support.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCredentialsTest {
    @TempDir
    Path dataDir;

    @Test
    void generatesASelfSignedPairForTheHostnameOnceAndReusesIt() throws Exception {
        TlsCredentials first = TlsCredentials.resolve("", "", dataDir, "mail.example.test");
        assertThat(first.certificate().getSubjectX500Principal().getName()).contains("CN=mail.example.test");
        assertThat(first.certificate().getSubjectAlternativeNames()).anyMatch(name -> name.get(1).equals("mail.example.test"));
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("tls/key.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        TlsCredentials again = TlsCredentials.resolve(null, null, dataDir, "mail.example.test");
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(again.key()).isEqualTo(first.key());
    }

    @Test
    void generatesANewPairWhenTheHostnameChangesOrTheOldOneIsAboutToExpire() {
        TlsCredentials original = TlsCredentials.resolve("", "", dataDir, "old.example.test");
        TlsCredentials renamed = TlsCredentials.resolve("", "", dataDir, "new.example.test");
        assertThat(renamed.certificate()).isNotEqualTo(original.certificate());
        Clock late = Clock.fixed(Instant.now().plus(SelfSignedCertificate.VALIDITY).minus(Duration.ofDays(10)), ZoneOffset.UTC);
        assertThat(renamed.isUsableFor("new.example.test", late)).isFalse();
    }

    @Test
    void loadsTheOperatorsPemFiles() {
        TlsCredentials generated = TlsCredentials.resolve("", "", dataDir, "mx.example.test");
        TlsCredentials loaded = TlsCredentials.resolve(dataDir.resolve("tls/cert.pem").toString(),
                dataDir.resolve("tls/key.pem").toString(), Path.of("/nonexistent"), "ignored");
        assertThat(loaded.certificate()).isEqualTo(generated.certificate());
        assertThat(loaded.serverContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void refusesHalfAConfiguration() {
        assertThatThrownBy(() -> TlsCredentials.resolve("/some/cert.pem", "", dataDir, "x.example.test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KUVERT_TLS_KEY");
    }
}

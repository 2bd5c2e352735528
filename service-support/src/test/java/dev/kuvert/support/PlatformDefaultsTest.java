package dev.kuvert.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class PlatformDefaultsTest {

    @Test
    void databaseUrlShouldReplaceAnyPathOrParametersOfTheServerUrl() {
        assertThat(KuvertEnvironmentPostProcessor.databaseUrl("jdbc:mysql://db:3306", "kuvert_mailbox"))
                .startsWith("jdbc:mysql://db:3306/kuvert_mailbox?createDatabaseIfNotExist=true");
        assertThat(KuvertEnvironmentPostProcessor.databaseUrl("jdbc:mysql://db:3306/other?useSSL=true", "kuvert_gateway"))
                .startsWith("jdbc:mysql://db:3306/kuvert_gateway?").doesNotContain("sslMode");
        assertThat(KuvertEnvironmentPostProcessor.databaseUrl("jdbc:mysql://127.0.0.1:3307", "kuvert_mailbox")).contains("sslMode=DISABLED");
    }

    @Test
    void portsAndUrlsShouldMoveWithTheOffsetUnlessSetExplicitly() {
        var env = new MockEnvironment()
                .withProperty("KUVERT_PORT_OFFSET", "100")
                .withProperty("KUVERT_DELIVERY_URL", "http://delivery-service:8083")
                .withProperty("kuvert.database-name", "kuvert_test");
        new KuvertEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("kuvert.ports.gateway-http")).isEqualTo("8180");
        assertThat(env.getProperty("kuvert.ports.smtp-mx")).isEqualTo("2625");
        assertThat(env.getProperty("kuvert.urls.mailbox")).isEqualTo("http://127.0.0.1:8182");
        assertThat(env.getProperty("kuvert.urls.delivery")).isEqualTo("http://delivery-service:8083");
        assertThat(env.getProperty("spring.datasource.url")).startsWith("jdbc:mysql://127.0.0.1:3407/kuvert_test?");
    }

    @Test
    void httpRequestObservationsShouldBeOffAndTheExcludedClassShouldBeBootsOwn() throws Exception {
        var env = new MockEnvironment();
        new KuvertEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("spring.autoconfigure.exclude")).isEqualTo(KuvertEnvironmentPostProcessor.WEBMVC_OBSERVATION);
        Class<?> excluded = Class.forName(KuvertEnvironmentPostProcessor.WEBMVC_OBSERVATION);
        assertThat(excluded.isAnnotationPresent(org.springframework.boot.autoconfigure.AutoConfiguration.class)).isTrue();
    }

    @Test
    void aBadPortOffsetShouldBeRefusedWithAClearMessage() {
        assertThatThrownBy(() -> KuvertEnvironmentPostProcessor.portOffset("ten")).hasMessageContaining("KUVERT_PORT_OFFSET");
        assertThatThrownBy(() -> KuvertEnvironmentPostProcessor.portOffset("-1")).hasMessageContaining("KUVERT_PORT_OFFSET");
    }

    @Test
    void theSecretFileShouldBeCreatedOncePrivatelyAndDeriveStableCredentials(@TempDir Path dataDir) throws Exception {
        PlatformSecret first = PlatformSecret.resolve(null, dataDir);
        PlatformSecret second = PlatformSecret.resolve("", dataDir);
        assertThat(first.serviceCredential()).isEqualTo(second.serviceCredential());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secret")))).isEqualTo("rw-------");
        assertThat(first.isServiceCredential(first.serviceCredential())).isTrue();
        assertThat(first.isServiceCredential("forged")).isFalse();
        assertThat(first.isServiceCredential(null)).isFalse();
        assertThat(first.derive("a")).isNotEqualTo(first.derive("b"));
        assertThat(PlatformSecret.of("another-secret-value-123").serviceCredential()).isNotEqualTo(first.serviceCredential());
    }
}

package dev.kuvert.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void platformSecretShouldBe32RandomBytesInAFileOnlyTheOwnerCanRead() throws Exception {
        Path file = dir.resolve("secret");

        SecretFiles.Secret secret = SecretFiles.platformSecret(file);

        assertThat(secret.createdNow()).isTrue();
        assertThat(Base64.getDecoder().decode(secret.value())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).strip()).isEqualTo(secret.value());
    }

    @Test
    void platformSecretShouldBeReusedOnLaterStarts() throws Exception {
        Path file = dir.resolve("secret");
        SecretFiles.Secret first = SecretFiles.platformSecret(file);

        SecretFiles.Secret second = SecretFiles.platformSecret(file);

        assertThat(second.createdNow()).isFalse();
        assertThat(second.value()).isEqualTo(first.value());
    }

    @Test
    void adminPasswordShouldBeGeneratedOnceWithMode600() throws Exception {
        Path file = dir.resolve("nested/admin-password");

        SecretFiles.Secret first = SecretFiles.adminPassword(file);
        SecretFiles.Secret second = SecretFiles.adminPassword(file);

        assertThat(first.createdNow()).isTrue();
        assertThat(second.createdNow()).isFalse();
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void generatedPasswordsShouldBeStrongAndDiffer() {
        String password = SecretFiles.generatePassword();

        assertThat(password).hasSize(23).matches("[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}");
        assertThat(password).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]");
        assertThat(SecretFiles.generatePassword()).isNotEqualTo(password);
    }
}

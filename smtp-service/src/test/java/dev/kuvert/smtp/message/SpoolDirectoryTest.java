package dev.kuvert.smtp.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void removesFilesAPreviousRunLeftBehind() throws Exception {
        Files.writeString(dir.resolve("msg-123.eml"), "left over");
        Files.writeString(dir.resolve("other.txt"), "not ours");
        new SpoolDirectory(dir, 1024).prepare();
        assertThat(dir.resolve("msg-123.eml")).doesNotExist();
        assertThat(dir.resolve("other.txt")).exists();
    }
}

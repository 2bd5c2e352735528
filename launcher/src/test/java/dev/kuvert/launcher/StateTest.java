package dev.kuvert.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateTest {

    @TempDir
    Path dir;

    @Test
    void putShouldBeVisibleToAReaderOfTheFile() {
        Path file = dir.resolve("run/state.properties");
        State written = State.empty(file);

        written.put("mailbox-service.pid", 4242L);
        written.put("mailbox-service.restarts", 2);

        State read = State.read(file);
        assertThat(read.pid("mailbox-service")).contains(4242L);
        assertThat(read.integer("mailbox-service.restarts")).contains(2);
        assertThat(Files.exists(file.resolveSibling("state.properties.tmp"))).isFalse();
    }

    @Test
    void readShouldGiveAnEmptyStateWhenThereIsNoFile() {
        State state = State.read(dir.resolve("missing.properties"));

        assertThat(state.pid("supervisor")).isEmpty();
    }
}

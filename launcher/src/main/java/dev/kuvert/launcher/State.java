package dev.kuvert.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The supervisor's record of what runs: {@code $KUVERT_DATA_DIR/run/state.properties}, rewritten whole
 * (write, then rename) on every change so that readers never see half a file. Keys:
 * {@code supervisor.pid}, {@code database.pid}, {@code database.port}, {@code database.url}, and per
 * service {@code <service>.pid}, {@code <service>.port}, {@code <service>.restarts}.
 */
final class State {

    private final Path file;
    private final Properties values;

    private State(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    static State empty(Path file) {
        return new State(file, new Properties());
    }

    static State read(Path file) {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(reader);
        } catch (NoSuchFileException e) {
            // not running: empty state
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new State(file, values);
    }

    synchronized void put(String key, Object value) {
        values.setProperty(key, String.valueOf(value));
        write();
    }

    synchronized void remove(String key) {
        values.remove(key);
        write();
    }

    synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    Optional<Long> pid(String owner) {
        return get(owner + ".pid").map(Long::parseLong);
    }

    Optional<Integer> integer(String key) {
        return get(key).map(Integer::parseInt);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private void write() {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                values.store(writer, "Kuvert supervisor state; do not edit (keys are written sorted)");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

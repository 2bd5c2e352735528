package dev.kuvert.launcher;

import dev.kuvert.contracts.KuvertPort;
import dev.kuvert.launcher.os.Processes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;

/** {@code kuvert status}: per service its pid, readiness and port; exit 0 when all are up, 3 when not running. */
final class StatusCommand {

    static final int NOT_RUNNING = 3;
    static final int DEGRADED = 1;

    enum Readiness {
        UP, STARTING, DOWN
    }

    private final Settings settings;
    private final Layout layout;
    private final PrintStream out;

    StatusCommand(Settings settings, PrintStream out) {
        this.settings = settings;
        this.layout = settings.layout();
        this.out = out;
    }

    int run() {
        Optional<ProcessHandle> supervisor = PlatformProcesses.supervisor(layout);
        if (supervisor.isEmpty()) {
            out.println("Kuvert is not running (data dir " + layout.dataDir() + ").");
            int leftovers = PlatformProcesses.all(layout).size();
            if (leftovers > 0) {
                out.println(leftovers + " process(es) of it are left over; './kuvert stop' ends them.");
            }
            return NOT_RUNNING;
        }
        State state = State.read(layout.stateFile());
        out.println("Kuvert is running: supervisor pid " + supervisor.get().pid() + ", data dir " + layout.dataDir()
                + ", port offset " + settings.portOffset());
        out.printf("%-18s %-9s %-8s %-6s %s%n", "SERVICE", "STATE", "PID", "PORT", "RESTARTS");
        boolean allUp = true;
        for (Service service : Service.values()) {
            Optional<Long> pid = state.pid(service.id());
            boolean alive = pid.flatMap(Processes::alive).isPresent();
            int port = settings.port(service.httpPort());
            Readiness health = !alive ? Readiness.DOWN : Health.ready(port) ? Readiness.UP : Readiness.STARTING;
            allUp &= health == Readiness.UP;
            out.printf("%-18s %-9s %-8s %-6d %s%n", service.id(), health, alive ? pid.get() : "-", port,
                    state.get(service.id() + ".restarts").orElse("0"));
        }
        if (settings.embeddedDatabase()) {
            Optional<Long> pid = state.pid("database");
            boolean alive = pid.flatMap(Processes::alive).isPresent();
            int port = settings.port(KuvertPort.EMBEDDED_DATABASE);
            Readiness health = !alive ? (pid.isEmpty() ? Readiness.STARTING : Readiness.DOWN)
                    : acceptsConnections(port) ? Readiness.UP : Readiness.STARTING;
            allUp &= health == Readiness.UP;
            out.printf("%-18s %-9s %-8s %-6d %s%n", "database", health, alive ? pid.get() : "-", port, "embedded MariaDB");
        } else {
            out.printf("%-18s %-9s %-8s %-6s %s%n", "database", "EXTERNAL", "-", "-",
                    settings.externalDatabase().orElseThrow().url());
        }
        return allUp ? 0 : DEGRADED;
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.kuvert.delivery.support;

import static org.awaitility.Awaitility.await;

import dev.kuvert.launcher.os.Processes;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A delivery-service in a JVM of its own, run from the executable jar the module builds in the package
 * phase ({@code target/delivery-service-exec.jar}), as the launcher runs it: on a free HTTP port of its
 * own, with the given environment and arguments on top of what the test JVM has (its {@code KUVERT_*}
 * variables left out), its output in a log file (replaced). {@link #kill()} is {@code kill -9} of that JVM.
 */
public record DeliveryServiceProcess(String name, int port, Path log, Process process) implements AutoCloseable {
    private static final Path JAR = Path.of("target", "delivery-service-exec.jar").toAbsolutePath();

    /** Starts the JVM; {@link #awaitReady(Duration)} waits until it serves. */
    public static DeliveryServiceProcess start(String name, Map<String, String> environment, List<String> arguments, Path log) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: it is built in the package phase (mvn package or verify)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+ExitOnOutOfMemoryError",
                "-jar", JAR.toString(),
                "--server.port=" + port));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().keySet().removeIf(variable -> variable.startsWith("KUVERT_"));
            builder.environment().putAll(environment);
            Process process = builder.start();
            // never outlive the test JVM, whatever becomes of the test
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
            return new DeliveryServiceProcess(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until its readiness probe answers 200; fails with the tail of its log when it exits or takes too long. */
    public DeliveryServiceProcess awaitReady(Duration timeout) {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("exited with " + process.exitValue());
                        }
                        return HandOff.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not become ready within " + timeout + (process.isAlive() ? "" : " (it exited)")
                    + "; last lines of " + log + ":\n" + logTail(40), e);
        }
        return this;
    }

    /** {@code kill -9}: SIGKILL to this JVM's own pid, then waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        if (!Processes.awaitExit(process.toHandle(), Duration.ofSeconds(30))) {
            throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL");
        }
    }

    private String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, SIGKILL when it does not stop within seconds. */
    @Override
    public void close() {
        Processes.terminate(process.toHandle(), Duration.ofSeconds(20));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

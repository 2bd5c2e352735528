package dev.kuvert.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The launcher's command line against the running platform. Runs after every other end-to-end class
 * (see junit-platform.properties) because its last test stops the platform.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    private static final Duration RESTART_LIMIT = Duration.ofSeconds(15);
    private static Platform platform;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPlatform() {
        platform = Platform.shared();
    }

    @Test
    @Order(1)
    void statusShouldShowEveryServiceUpWithItsPid() {
        Platform.Result status = platform.run("status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        for (String service : Platform.services()) {
            long pid = platform.pidOf(service).orElseThrow();
            assertThat(status.output()).as(status.output()).containsPattern("(?m)^" + service + "\\s+UP\\s+" + pid + "\\s");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        }
        assertThat(status.output()).containsPattern("(?m)^database\\s+UP\\s+\\d+");
    }

    @Test
    @Order(2)
    void secondStartShouldSucceedAndChangeNothing() {
        Map<String, Long> before = pids();

        Platform.Result again = platform.run("start");

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("already running");
        assertThat(pids()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void secondInstanceShouldRefuseToStartWhenItsPortsAreTaken() {
        Path otherDataDir = platform.home().resolve("e2e-tests/target/platform-data-second");
        Platform.deleteRecursively(otherDataDir);
        Map<String, String> otherInstance = Map.of("KUVERT_DATA_DIR", otherDataDir.toString());

        Platform.Result refused = platform.run(otherInstance, "start");

        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output())
                .contains("port " + (8080 + Platform.PORT_OFFSET) + " (gateway-service HTTP) is already in use")
                .contains("port " + (8082 + Platform.PORT_OFFSET) + " (mailbox-service HTTP) is already in use");
        assertThat(processesMentioning(otherDataDir)).isEmpty();
        assertThat(platform.run(otherInstance, "status").exitCode()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void killedServiceShouldBeReadyAgainWithinFifteenSeconds() {
        long oldPid = platform.pidOf("mailbox-service").orElseThrow();

        Instant killed = Instant.now();
        ProcessHandle.of(oldPid).orElseThrow().destroyForcibly();

        boolean back = poll(RESTART_LIMIT, () -> restartedAndReady("mailbox-service", oldPid));
        Duration took = Duration.between(killed, Instant.now());
        assertThat(back).as("mailbox-service ready again with a new pid within %s (log: %s)", RESTART_LIMIT,
                platform.logFile("mailbox-service")).isTrue();
        assertThat(took).isLessThanOrEqualTo(RESTART_LIMIT);
    }

    @Test
    @Order(5)
    void domainShouldSurviveARestartOfTheMailboxService() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/v1/domains"))
                .header("Authorization", platform.adminAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"survivor.test\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long oldPid = platform.pidOf("mailbox-service").orElseThrow();

        ProcessHandle.of(oldPid).orElseThrow().destroyForcibly();
        assertThat(poll(Duration.ofSeconds(90), () -> restartedAndReady("mailbox-service", oldPid))).isTrue();

        HttpResponse<String> found = send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/v1/domains/survivor.test"))
                .header("Authorization", platform.adminAuthorization())
                .GET());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(found.body()).contains("survivor.test");
    }

    @Test
    @Order(100)
    void stopShouldLeaveNoProcessOfThePlatformBehind() {
        long databasePid = platform.pidOf("database").orElseThrow();

        Platform.Result stopped = platform.stop();

        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        assertThat(processesMentioning(platform.dataDir())).isEmpty();
        assertThat(ProcessHandle.of(databasePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(platform.dataDir().resolve("run/supervisor.pid")).doesNotExist();
        assertThat(platform.run("status").exitCode()).isEqualTo(3);
    }

    private boolean restartedAndReady(String service, long oldPid) {
        Optional<Long> pid = platform.pidOf(service);
        return pid.isPresent() && pid.get() != oldPid
                && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)
                && platform.isReady(service);
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : Platform.services()) {
            pids.put(service, platform.pidOf(service).orElseThrow());
        }
        pids.put("database", platform.pidOf("database").orElseThrow());
        pids.put("supervisor", platform.pidOf("supervisor").orElseThrow());
        return pids;
    }

    private static List<String> processesMentioning(Path dataDir) {
        String path = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .map(process -> process.pid() + " " + process.info().commandLine().orElse(""))
                .filter(line -> line.contains(path))
                .toList();
    }

    private static boolean poll(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

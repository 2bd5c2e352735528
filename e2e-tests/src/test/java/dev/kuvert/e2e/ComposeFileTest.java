package dev.kuvert.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The structure of docker-compose.yml: no Docker engine runs here, so this is what checks it. */
class ComposeFileTest {

    private static final List<String> SERVICES =
            List.of("mailbox-service", "delivery-service", "smtp-service", "gateway-service", "admin-ui");
    private static final Map<String, Integer> HTTP_PORTS = Map.of("mailbox-service", 8082, "delivery-service", 8083,
            "smtp-service", 8084, "gateway-service", 8080, "admin-ui", 8090);

    private static Path home;
    private static Map<String, Object> compose;

    @BeforeAll
    static void parse() throws Exception {
        home = repositoryRoot();
        try (Reader reader = Files.newBufferedReader(home.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
    }

    @Test
    void servicesShouldBeMysql84AndTheFiveKuvertServices() {
        assertThat(services().keySet()).containsExactlyInAnyOrder("mysql", "mailbox-service", "delivery-service",
                "smtp-service", "gateway-service", "admin-ui");
        assertThat(service("mysql")).containsEntry("image", "mysql:8.4");
    }

    @Test
    void everyKuvertServiceShouldBeBuiltFromThisRepositoryWithItsName() {
        for (String name : SERVICES) {
            Map<String, Object> build = map(service(name).get("build"));
            assertThat(build).as(name).containsEntry("context", ".").containsEntry("dockerfile", "docker/Dockerfile");
            assertThat(map(build.get("args"))).as(name).containsEntry("SERVICE", name);
        }
        assertThat(home.resolve("docker/Dockerfile")).exists();
    }

    @Test
    void dockerfileShouldBuildWithMavenAndRunOnTheTemurin25Jre() throws Exception {
        String dockerfile = Files.readString(home.resolve("docker/Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^FROM maven:\\S*temurin-25\\S* AS build")
                .containsPattern("(?m)^FROM eclipse-temurin:25-jre")
                .contains("ARG SERVICE")
                .contains("${SERVICE}-exec.jar");
    }

    @Test
    void standardMailPortsAndTheWebPortShouldBePublished() {
        Map<Integer, Integer> published = new java.util.HashMap<>();
        for (String name : services().keySet()) {
            for (Object port : list(service(name).getOrDefault("ports", List.of()))) {
                String[] parts = port.toString().split(":");
                published.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
            }
        }
        assertThat(published).containsEntry(25, 2525).containsEntry(465, 2465).containsEntry(587, 2587)
                .containsEntry(143, 2143).containsEntry(993, 2993).containsEntry(110, 2110).containsEntry(995, 2995)
                .containsEntry(8080, 8080);
        assertThat(list(service("smtp-service").get("ports"))).contains("25:2525", "465:2465", "587:2587");
        assertThat(list(service("mailbox-service").get("ports"))).contains("143:2143", "993:2993", "110:2110", "995:2995");
        assertThat(list(service("gateway-service").get("ports"))).contains("8080:8080");
    }

    @Test
    void everyServiceShouldHaveAHealthcheckOnItsReadiness() {
        assertThat(service("mysql")).containsKey("healthcheck");
        for (String name : SERVICES) {
            Map<String, Object> healthcheck = map(service(name).get("healthcheck"));
            assertThat(String.join(" ", list(healthcheck.get("test")).stream().map(Object::toString).toList()))
                    .as(name)
                    .contains("http://127.0.0.1:" + HTTP_PORTS.get(name) + "/actuator/health/readiness");
        }
    }

    @Test
    void servicesShouldWaitForMysqlAndTheirDependenciesToBeHealthy() {
        for (String name : SERVICES) {
            Map<String, Object> dependsOn = map(service(name).get("depends_on"));
            assertThat(dependsOn).as(name).containsKey("mysql");
            dependsOn.forEach((dependency, condition) -> assertThat(map(condition))
                    .as(name + " -> " + dependency)
                    .containsEntry("condition", "service_healthy"));
        }
        assertThat(map(service("delivery-service").get("depends_on"))).containsKey("mailbox-service");
        assertThat(map(service("smtp-service").get("depends_on"))).containsKeys("mailbox-service", "delivery-service");
        assertThat(map(service("admin-ui").get("depends_on"))).containsKey("gateway-service");
    }

    @Test
    void servicesShouldUseMysqlAndFindEachOtherThroughTheEnvironment() {
        for (String name : SERVICES) {
            Map<String, Object> environment = map(service(name).get("environment"));
            assertThat(environment).as(name)
                    .containsEntry("KUVERT_DB_URL", "jdbc:mysql://mysql:3306")
                    .containsEntry("KUVERT_MAILBOX_URL", "http://mailbox-service:8082")
                    .containsEntry("KUVERT_DELIVERY_URL", "http://delivery-service:8083")
                    .containsEntry("KUVERT_SMTP_URL", "http://smtp-service:8084")
                    .containsEntry("KUVERT_GATEWAY_URL", "http://gateway-service:8080")
                    .containsEntry("KUVERT_ADMIN_UI_URL", "http://admin-ui:8090");
            assertThat(environment.keySet()).as(name + ": secrets belong in .env")
                    .doesNotContain("KUVERT_SECRET", "KUVERT_ADMIN_PASSWORD", "KUVERT_DB_PASSWORD");
        }
    }

    @Test
    void dataTlsAndMysqlShouldLiveInNamedVolumes() {
        Map<String, Object> volumes = map(compose.get("volumes"));
        assertThat(volumes).containsKeys("mysql-data", "kuvert-data", "kuvert-tls");
        assertThat(list(service("mysql").get("volumes"))).contains("mysql-data:/var/lib/mysql");
        assertThat(list(service("mailbox-service").get("volumes"))).contains("kuvert-data:/var/lib/kuvert",
                "kuvert-tls:/etc/kuvert/tls");
        assertThat(list(service("smtp-service").get("volumes"))).contains("kuvert-tls:/etc/kuvert/tls");
    }

    @Test
    void secretsShouldComeFromTheEnvFileDocumentedInEnvExample() throws Exception {
        for (String name : services().keySet()) {
            Object envFile = service(name).get("env_file");
            List<Object> files = envFile instanceof List<?> many ? new ArrayList<>(many) : List.of(String.valueOf(envFile));
            assertThat(files).as(name).contains(".env");
        }
        String example = Files.readString(home.resolve(".env.example"));
        assertThat(example).containsPattern("(?m)^KUVERT_SECRET=")
                .containsPattern("(?m)^KUVERT_ADMIN_PASSWORD=")
                .containsPattern("(?m)^KUVERT_DB_PASSWORD=")
                .containsPattern("(?m)^MYSQL_ROOT_PASSWORD=");
    }

    private static Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private static Map<String, Object> service(String name) {
        return map(services().get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static Path repositoryRoot() {
        String configured = System.getenv("KUVERT_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }
}

package dev.kuvert.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kuvert.launcher.db.EmbeddedMariaDb;
import dev.kuvert.support.PlatformSecret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The gateway in front of a real HTTP server standing in for the services: what it lets through,
 * with which headers, and what it refuses. Administrators live in a real MariaDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {
    private static final String ADMIN_PASSWORD = "gateway-test-Passw0rd";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final BlockingQueue<Map<String, List<String>>> UPSTREAM_REQUESTS = new LinkedBlockingQueue<>();
    private static final HttpServer UPSTREAM = upstream();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedMariaDb db = EmbeddedMariaDb.shared();
        registry.add("spring.datasource.url", () -> db.jdbcUrl("kuvert_gateway_it"));
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("KUVERT_SECRET", () -> "gateway-test-secret-0123456789");
        registry.add("kuvert.admin-user", () -> "root-admin");
        registry.add("kuvert.admin-password", () -> ADMIN_PASSWORD);
        String upstream = "http://127.0.0.1:" + UPSTREAM.getAddress().getPort();
        registry.add("kuvert.mailbox-url", () -> upstream);
        registry.add("kuvert.delivery-url", () -> upstream);
        registry.add("kuvert.admin-ui-url", () -> upstream);
    }

    @LocalServerPort
    int port;

    @Autowired
    PlatformSecret secret;

    @Autowired
    ObjectMapper json;

    @BeforeEach
    void clearUpstream() {
        UPSTREAM_REQUESTS.clear();
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.stop(0);
    }

    @Test
    void apiWithoutCredentialsShouldBe401ProblemAndWrongPasswordToo() throws Exception {
        var anonymous = send("GET", "/api/v1/domains", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(send("GET", "/api/v1/domains", null, basic("root-admin", "wrong-password")).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/domains", null, "Bearer kvt_not-a-token").statusCode()).isEqualTo(401);
        assertThat(UPSTREAM_REQUESTS).isEmpty();
    }

    @Test
    void apiCallsShouldReachTheServiceActingForTheAdministratorWithoutItsCredentials() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/accounts/alice@example.test"))
                        .header("Authorization", basic("root-admin", ADMIN_PASSWORD))
                        .header("X-Kuvert-Admin-Domains", "forged.test")
                        .header("X-Kuvert-Service", "forged")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, List<String>> seen = UPSTREAM_REQUESTS.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.get("x-path")).containsExactly("/api/v1/accounts/alice@example.test");
        assertThat(seen.get("x-kuvert-service")).containsExactly(secret.serviceCredential());
        assertThat(seen.get("x-kuvert-admin")).containsExactly("root-admin");
        assertThat(seen.get("x-kuvert-admin-domains")).containsExactly("*");
        assertThat(seen).doesNotContainKey("authorization");
    }

    @Test
    void tokensShouldAuthenticateUntilRevoked() throws Exception {
        var created = send("POST", "/api/v1/tokens", "{\"name\":\"ci\",\"lifetimeSeconds\":600}", basic("root-admin", ADMIN_PASSWORD));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = json.readTree(created.body());
        String bearer = "Bearer " + token.get("token").asText();
        JsonNode me = json.readTree(send("GET", "/api/v1/me", null, bearer).body());
        assertThat(me.get("username").asText()).isEqualTo("root-admin");
        assertThat(me.get("authenticatedBy").asText()).isEqualTo("token");
        assertThat(send("GET", "/api/v1/tokens", null, bearer).body()).contains(token.get("id").asText())
                .doesNotContain(token.get("token").asText());
        assertThat(send("DELETE", "/api/v1/tokens/" + token.get("id").asText(), null, bearer).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/me", null, bearer).statusCode()).isEqualTo(401);
    }

    @Test
    void domainAdministratorsShouldActOnlyWithinTheirDomains() throws Exception {
        String root = basic("root-admin", ADMIN_PASSWORD);
        var created = send("POST", "/api/v1/admins",
                "{\"username\":\"dora\",\"password\":\"dora-Passw0rd-1\",\"domains\":[\"Bücher.example\",\"dora.test\"]}", root);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/admins", "{\"username\":\"dora\",\"password\":\"dora-Passw0rd-1\",\"domains\":[\"x.test\"]}", root)
                .statusCode()).isEqualTo(409);
        var invalid = send("POST", "/api/v1/admins", "{\"username\":\"eve\",\"password\":\"eve-Passw0rd-1\",\"domains\":[\"not a domain\"]}", root);
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json.readTree(invalid.body()).get("field").asText()).isEqualTo("domains");

        String dora = basic("dora", "dora-Passw0rd-1");
        JsonNode me = json.readTree(send("GET", "/api/v1/me", null, dora).body());
        assertThat(me.get("superAdmin").asBoolean()).isFalse();
        assertThat(me.get("domains").toString()).contains("xn--bcher-kva.example", "dora.test");
        assertThat(send("GET", "/api/v1/admins", null, dora).statusCode()).isEqualTo(403);

        send("GET", "/api/v1/domains", null, dora);
        Map<String, List<String>> seen = UPSTREAM_REQUESTS.poll(5, TimeUnit.SECONDS);
        assertThat(seen.get("x-kuvert-admin")).containsExactly("dora");
        assertThat(seen.get("x-kuvert-admin-domains").getFirst().split(",")).containsExactlyInAnyOrder("xn--bcher-kva.example", "dora.test");
    }

    @Test
    void internalEndpointsShouldNeverBeRoutedAndThePortalGetsEverythingElse() throws Exception {
        assertThat(send("GET", "/internal/v1/recipients/a@b.test", null, basic("root-admin", ADMIN_PASSWORD)).statusCode())
                .isIn(401, 403, 404);
        assertThat(UPSTREAM_REQUESTS).isEmpty();

        var page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/domains"))
                .header("X-Kuvert-Admin", "forged").header("X-Forwarded-For", "203.0.113.66")
                .header("X-Forwarded-Host", "evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        Map<String, List<String>> seen = UPSTREAM_REQUESTS.poll(5, TimeUnit.SECONDS);
        assertThat(seen.get("x-path")).containsExactly("/domains");
        assertThat(seen).doesNotContainKey("x-kuvert-admin");
        assertThat(seen.get("x-forwarded-for")).containsExactly("127.0.0.1");
        assertThat(seen.get("x-forwarded-host")).containsExactly("127.0.0.1:" + port);
        assertThat(seen.get("x-forwarded-proto")).containsExactly("http");
    }

    @Test
    void theBrowserAddressNamedByThePortalShouldOnlyBeTrustedWithTheServiceCredential() throws Exception {
        for (int i = 0; i < 10; i++) {
            var vouched = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                    .header("Authorization", basic("root-admin", "wrong-" + i))
                    .header("X-Forwarded-For", "198.51.100.7")
                    .header("X-Kuvert-Service", secret.serviceCredential())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(vouched.statusCode()).isEqualTo(401);
        }
        var sameBrowser = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Authorization", basic("root-admin", ADMIN_PASSWORD))
                .header("X-Forwarded-For", "198.51.100.7")
                .header("X-Kuvert-Service", secret.serviceCredential())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sameBrowser.statusCode()).isEqualTo(429);
        var forgedVouch = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Authorization", basic("root-admin", ADMIN_PASSWORD))
                .header("X-Forwarded-For", "198.51.100.7")
                .header("X-Kuvert-Service", "forged")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forgedVouch.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/me", null, basic("root-admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void openApiDocumentShouldDescribeTheGatewaysOwnResources() throws Exception {
        var response = send("GET", "/api/v1/openapi.json", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(response.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("paths").has("/api/v1/me")).isTrue();
        assertThat(document.get("paths").has("/api/v1/tokens")).isTrue();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void repeatedFailedLoginsShouldBeThrottled() throws Exception {
        int status = 0;
        for (int i = 0; i < 12 && status != 429; i++) {
            status = send("GET", "/api/v1/me", null, basic("root-admin", "guess-" + i)).statusCode();
        }
        assertThat(status).isEqualTo(429);
        var locked = send("GET", "/api/v1/me", null, basic("root-admin", ADMIN_PASSWORD));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpServer upstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Map<String, List<String>> seen = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values));
                seen.put("x-path", List.of(exchange.getRequestURI().getPath()));
                UPSTREAM_REQUESTS.add(seen);
                byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

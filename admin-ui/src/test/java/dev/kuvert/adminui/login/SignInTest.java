package dev.kuvert.adminui.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.adminui.StubGateway;
import dev.kuvert.adminui.gateway.GatewayAuthentication;
import dev.kuvert.adminui.gateway.GatewayException;
import dev.kuvert.adminui.gateway.SessionToken;
import dev.kuvert.adminui.gateway.SignedInAdmin;
import dev.kuvert.contracts.directory.AccountPatch;
import dev.kuvert.contracts.directory.AccountsClient;
import dev.kuvert.contracts.directory.DomainRequest;
import dev.kuvert.contracts.directory.DomainsClient;
import jakarta.servlet.http.HttpSessionEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The portal against a scripted gateway: signing in, the session token, and the calls made with it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInTest {
    private static final StubGateway gateway = new StubGateway();
    private static final String CALLER = """
            {"username":"admin","superAdmin":true,"domains":[],"authenticatedBy":"password","addedLater":1}""";
    private static final String TOKEN = """
            {"id":"tok-1","name":"portal session","token":"kvt_secret","expiresAt":"2030-01-01T00:00:00Z"}""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kuvert.gateway-url", () -> gateway.url().toString());
        registry.add("KUVERT_SECRET", () -> "a-test-platform-secret-of-enough-length");
        registry.add("vaadin.productionMode", () -> "true");
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    AccountsClient accounts;

    @Autowired
    DomainsClient domains;

    @Autowired
    SessionTokenRevoker revoker;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void resetGateway() {
        gateway.reset();
    }

    @AfterEach
    void signOutOfThisThread() {
        SecurityContextHolder.clearContext();
    }

    private HttpResponse<String> signIn(String username, String password) throws Exception {
        String form = "username=" + username + "&password=" + password;
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signInChecksThePasswordWithTheGatewayThenKeepsOnlyASessionToken() throws Exception {
        gateway.on("GET /api/v1/me", 200, CALLER).on("POST /api/v1/tokens", 201, TOKEN);

        HttpResponse<String> response = signIn("admin", "s3cret");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains("/");
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(gateway.last("GET", "/api/v1/me").header("Authorization")).isEqualTo(basic);
        StubGateway.Request token = gateway.last("POST", "/api/v1/tokens");
        assertThat(token.header("Authorization")).isEqualTo(basic);
        assertThat(token.body()).isEqualTo("{\"name\":\"portal session\",\"lifetimeSeconds\":43200}");

        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(cookie).startsWith("KUVERT_PORTAL=");
        HttpResponse<String> portal = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(portal.statusCode()).isEqualTo(200);
    }

    @Test
    void afterSignInTheFirstPageAskedForFollowsWithARelativeRedirect() throws Exception {
        gateway.on("GET /api/v1/me", 200, CALLER).on("POST /api/v1/tokens", 201, TOKEN);
        HttpResponse<String> first = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accounts/example.com")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=s3cret"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("/accounts/example.com"));
    }

    @Test
    void aWrongPasswordGoesBackToTheSignInPageWithAnError() throws Exception {
        gateway.on("GET /api/v1/me", 401, "{\"title\":\"Unauthorized\",\"status\":401}");

        HttpResponse<String> response = signIn("admin", "wrong");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains("/login?error");
        assertThat(gateway.requests()).extracting(StubGateway.Request::path).doesNotContain("/api/v1/tokens");
    }

    @Test
    void aFailingGatewaySaysTheSignInCouldNotBeChecked() throws Exception {
        gateway.on("GET /api/v1/me", 502, "text/html", "<h1>Bad gateway</h1>");

        HttpResponse<String> response = signIn("admin", "s3cret");

        assertThat(response.headers().firstValue("Location")).contains("/login?unavailable");
    }

    @Test
    void aThrottledSignInSaysSoRatherThanBlamingThePassword() throws Exception {
        gateway.on("GET /api/v1/me", 429, "{\"title\":\"Too many failed logins\",\"status\":429}");

        HttpResponse<String> response = signIn("admin", "s3cret");

        assertThat(response.headers().firstValue("Location")).contains("/login?throttled");
    }

    @Test
    void withoutASessionEveryPageLeadsToTheSignInPage() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accounts/example.com")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).contains("/login");
    }

    @Test
    void healthProbesNeedNoSignIn() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
        }
    }

    @Test
    void callsPresentTheSessionTokenAndSendOnlyTheFieldsThatAreSet() {
        signedIn();
        gateway.on("PATCH /api/v1/accounts/anna@example.com", 200, """
                {"address":"anna@example.com","domain":"example.com","displayName":null,"quotaBytes":0,"usedBytes":0,
                 "enabled":true,"createdAt":"2026-01-01T00:00:00Z"}""");

        accounts.update("anna@example.com", new AccountPatch("n3w-password", null, null, null));

        StubGateway.Request patch = gateway.last("PATCH", "/api/v1/accounts/anna@example.com");
        assertThat(patch.header("Authorization")).isEqualTo("Bearer kvt_secret");
        assertThat(patch.body()).isEqualTo("{\"password\":\"n3w-password\"}");
    }

    @Test
    void aProblemAnswerBecomesAGatewayExceptionWithItsDetail() {
        signedIn();
        gateway.on("POST /api/v1/domains", 422, """
                {"title":"Invalid name","status":422,"detail":"name: not a domain name","field":"name"}""");

        assertThatThrownBy(() -> domains.create(new DomainRequest("not a domain")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("name: not a domain name");
                    assertThat(e.field()).contains("name");
                });
    }

    @Test
    void deleteWithForceAsksForTheAccountsToGoToo() {
        signedIn();
        gateway.on("DELETE /api/v1/domains/example.com", 204, null, null);

        domains.delete("example.com", true);

        assertThat(gateway.last("DELETE", "/api/v1/domains/example.com").query()).isEqualTo("force=true");
    }

    @Test
    void signingOutRevokesTheSessionToken() {
        gateway.on("DELETE /api/v1/tokens/tok-1", 204, null, null);

        revoker.logout(null, null, session());

        StubGateway.Request revoke = gateway.last("DELETE", "/api/v1/tokens/tok-1");
        assertThat(revoke.header("Authorization")).isEqualTo("Bearer kvt_secret");
    }

    @Test
    void aSessionThatEndsWithoutSigningOutRevokesItsTokenToo() {
        gateway.on("DELETE /api/v1/tokens/tok-1", 204, null, null);
        var httpSession = new MockHttpSession();
        httpSession.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(session()));

        revoker.sessionDestroyed(new HttpSessionEvent(httpSession));

        assertThat(gateway.last("DELETE", "/api/v1/tokens/tok-1").header("Authorization")).isEqualTo("Bearer kvt_secret");
    }

    @Test
    void aSessionEndingAfterSignOutDoesNotRevokeTwice() {
        gateway.on("DELETE /api/v1/tokens/tok-1", 204, null, null);
        var request = new MockHttpServletRequest();
        var httpSession = (MockHttpSession) request.getSession(true);
        httpSession.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(session()));

        revoker.logout(request, null, session());
        revoker.sessionDestroyed(new HttpSessionEvent(httpSession));

        assertThat(gateway.requests()).filteredOn(r -> r.method().equals("DELETE")).hasSize(1);
    }

    private static GatewayAuthentication session() {
        return new GatewayAuthentication(new SignedInAdmin("admin", true, List.of()),
                new SessionToken("tok-1", "kvt_secret", Instant.parse("2030-01-01T00:00:00Z")));
    }

    private static void signedIn() {
        SecurityContextHolder.getContext().setAuthentication(session());
    }
}

package dev.kuvert.adminui.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kuvert.adminui.StubGateway;
import dev.kuvert.adminui.system.AdminUiProperties;
import dev.kuvert.contracts.access.AccessClient;
import dev.kuvert.contracts.directory.DomainsClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

class GatewayClientsTest {
    private final StubGateway gateway = new StubGateway();

    @AfterEach
    void tearDown() {
        gateway.close();
        SecurityContextHolder.clearContext();
    }

    private GatewayClients clients(URI url) {
        return new GatewayConfiguration().gatewayClients(
                new AdminUiProperties(url, Duration.ofHours(12)), RestClient.builder(), JsonMapper.builder().build());
    }

    @Test
    void withoutAPortalSessionNoCredentialsAreSent() {
        gateway.on("GET /api/v1/domains", 401, "{\"title\":\"Unauthorized\",\"status\":401}");
        DomainsClient domains = clients(gateway.url()).forSignedInAdmin(DomainsClient.class);

        assertThatThrownBy(domains::list)
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.isUnauthorized()).isTrue());
        assertThat(gateway.last("GET", "/api/v1/domains").header("Authorization")).isNull();
    }

    @Test
    void theSignedInAdministratorsTokenIsPresented() {
        gateway.on("GET /api/v1/domains", 200, "[]");
        SecurityContextHolder.getContext().setAuthentication(new GatewayAuthentication(
                new SignedInAdmin("ops", false, List.of("example.com")), new SessionToken("t1", "kvt_abc", Instant.now())));

        assertThat(clients(gateway.url()).forSignedInAdmin(DomainsClient.class).list()).isEmpty();
        assertThat(gateway.last("GET", "/api/v1/domains").header("Authorization")).isEqualTo("Bearer kvt_abc");
    }

    @Test
    void aPasswordClientUsesBasicWithUtf8() {
        gateway.on("GET /api/v1/me", 200, "{\"username\":\"jörg\",\"superAdmin\":false,\"domains\":[\"example.com\"]}");

        AccessClient access = clients(gateway.url()).withPassword("jörg", "pässword");

        assertThat(access.me().domains()).containsExactly("example.com");
        assertThat(gateway.last("GET", "/api/v1/me").header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString("jörg:pässword".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnreachableGatewayIsAGatewayExceptionWithStatusZero() {
        URI closed = gateway.url();
        gateway.close();

        assertThatThrownBy(() -> clients(closed).forSignedInAdmin(DomainsClient.class).list())
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.isUnreachable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("The Kuvert gateway cannot be reached. Try again in a moment.");
                });
    }

    @Test
    void theSessionTokenSecretNeverAppearsInLogs() {
        var token = new SessionToken("t1", "kvt_abc", Instant.parse("2030-01-01T00:00:00Z"));
        var session = new GatewayAuthentication(new SignedInAdmin("ops", true, List.of()), token);

        assertThat(token.toString()).doesNotContain("kvt_abc");
        assertThat(session.toString()).doesNotContain("kvt_abc");
        assertThat(session.getCredentials()).isNull();
        assertThat(session.getName()).isEqualTo("ops");
    }
}

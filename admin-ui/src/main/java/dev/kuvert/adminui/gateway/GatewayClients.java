package dev.kuvert.adminui.gateway;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.access.AccessClient;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Makes clients for the gateway's REST API. {@link #forSignedInAdmin} clients present the API
 * token of whoever is signed in on the current request; the others carry fixed credentials, for
 * the moments without a portal session: signing in (password) and signing out (the token being revoked).
 */
public final class GatewayClients {
    private final RestClient restClient;
    private final HttpServiceProxyFactory signedInFactory;

    GatewayClients(RestClient restClient) {
        this.restClient = restClient;
        this.signedInFactory = factory(restClient.mutate().requestInterceptor(new BearerTokenInterceptor()).build());
    }

    /** A client that acts with the rights of the administrator signed in on the current request. */
    public <T> T forSignedInAdmin(Class<T> api) {
        return signedInFactory.createClient(api);
    }

    /** The gateway's access API with an administrator's user name and password (HTTP Basic). */
    public AccessClient withPassword(String username, String password) {
        return withHeaders(headers -> headers.setBasicAuth(username, password, StandardCharsets.UTF_8));
    }

    /**
     * As {@link #withPassword(String, String)}, vouching (with the service credential) that the
     * sign-in comes from {@code browserAddress}, so that the gateway throttles failed sign-ins per
     * browser rather than locking every portal user out at once.
     */
    public AccessClient withPassword(String username, String password, String browserAddress, String serviceCredential) {
        return withHeaders(headers -> {
            headers.setBasicAuth(username, password, StandardCharsets.UTF_8);
            if (browserAddress != null && !browserAddress.isBlank()) {
                headers.set("X-Forwarded-For", browserAddress);
                headers.set(KuvertHeaders.SERVICE_CREDENTIAL, serviceCredential);
            }
        });
    }

    /** The gateway's access API with one API token. */
    public AccessClient withToken(SessionToken token) {
        return withHeaders(headers -> headers.setBearerAuth(token.secret()));
    }

    private AccessClient withHeaders(Consumer<HttpHeaders> credentials) {
        return factory(restClient.mutate().defaultHeaders(credentials).build()).createClient(AccessClient.class);
    }

    private static HttpServiceProxyFactory factory(RestClient client) {
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build();
    }
}

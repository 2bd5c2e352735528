package dev.kuvert.support;

import dev.kuvert.contracts.KuvertHeaders;
import java.time.Duration;
import java.net.http.HttpClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** Builds {@code @HttpExchange} clients for another Kuvert service that present the service credential. */
public final class ServiceClients {
    private final PlatformSecret secret;

    ServiceClients(PlatformSecret secret) {
        this.secret = secret;
    }

    public <T> T create(Class<T> api, String baseUrl, Duration timeout) {
        var requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requestFactory.setReadTimeout(timeout);
        RestClient client = RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(requestFactory)
                .defaultHeader(KuvertHeaders.SERVICE_CREDENTIAL, secret.serviceCredential())
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(api);
    }
}

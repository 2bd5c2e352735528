package dev.kuvert.adminui.gateway;

import dev.kuvert.adminui.system.AdminUiProperties;
import dev.kuvert.contracts.access.AccessClient;
import dev.kuvert.contracts.directory.AccountsClient;
import dev.kuvert.contracts.directory.AliasesClient;
import dev.kuvert.contracts.directory.DomainsClient;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** The REST clients the views use; each call acts for the administrator signed in on that request. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    GatewayClients gatewayClients(AdminUiProperties properties, RestClient.Builder builder, JsonMapper json) {
        Problems problems = new Problems(json);
        RestClient client = builder
                .baseUrl(properties.gatewayUrl().toString())
                .requestInterceptor((request, body, execution) -> {
                    try {
                        return execution.execute(request, body);
                    } catch (IOException e) {
                        throw Problems.unreachable(e);
                    }
                })
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw problems.fromResponse(
                            response.getStatusCode().value(), response.getHeaders().getContentType(), response.getBody().readAllBytes());
                })
                .build();
        return new GatewayClients(client);
    }

    @Bean
    DomainsClient domainsClient(GatewayClients clients) {
        return clients.forSignedInAdmin(DomainsClient.class);
    }

    @Bean
    AccountsClient accountsClient(GatewayClients clients) {
        return clients.forSignedInAdmin(AccountsClient.class);
    }

    @Bean
    AliasesClient aliasesClient(GatewayClients clients) {
        return clients.forSignedInAdmin(AliasesClient.class);
    }

    @Bean
    AccessClient accessClient(GatewayClients clients) {
        return clients.forSignedInAdmin(AccessClient.class);
    }
}

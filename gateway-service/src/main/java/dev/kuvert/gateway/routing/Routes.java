package dev.kuvert.gateway.routing;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.gateway.GatewayProperties;
import dev.kuvert.gateway.access.AdminPrincipal;
import dev.kuvert.support.PlatformSecret;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Where each public path goes. API calls reach their service with the service credential and the
 * administrator they act for, never with the caller's own credentials; every other path except
 * {@code /api/**}, {@code /internal/**} and the gateway's own actuator and OpenAPI part is the portal (admin-ui).
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    RouterFunction<ServerResponse> mailboxApi(GatewayProperties properties, PlatformSecret secret) {
        return route("mailbox-api")
                .route(resource("domains").or(resource("accounts")).or(resource("aliases")), http())
                .before(uri(properties.mailboxUrl()))
                .before(actingFor(secret))
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> deliveryApi(GatewayProperties properties, PlatformSecret secret) {
        return route("delivery-api")
                .route(resource("queue").or(resource("logs")), http())
                .before(uri(properties.deliveryUrl()))
                .before(actingFor(secret))
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> portal(GatewayProperties properties) {
        RequestPredicate notForThePortal =
                path("/api/**").or(path("/internal/**")).or(path("/actuator/**")).or(path("/v3/api-docs/**"));
        return route("portal")
                .route(notForThePortal.negate(), http())
                .before(uri(properties.adminUiUrl()))
                .before(request -> ServerRequest.from(request).headers(Routes::removeKuvertHeaders).build())
                .build();
    }

    private static RequestPredicate resource(String name) {
        return path("/api/v1/" + name).or(path("/api/v1/" + name + "/**"));
    }

    private static Function<ServerRequest, ServerRequest> actingFor(PlatformSecret secret) {
        String credential = secret.serviceCredential();
        return request -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            AdminPrincipal caller = (AdminPrincipal) authentication.getPrincipal();
            return ServerRequest.from(request)
                    .headers(headers -> {
                        removeKuvertHeaders(headers);
                        headers.remove(HttpHeaders.AUTHORIZATION);
                        headers.remove(HttpHeaders.COOKIE);
                        headers.set(KuvertHeaders.SERVICE_CREDENTIAL, credential);
                        headers.set(KuvertHeaders.ADMIN, caller.username());
                        headers.set(KuvertHeaders.ADMIN_DOMAINS, caller.domainScope());
                    })
                    .build();
        };
    }

    private static void removeKuvertHeaders(HttpHeaders headers) {
        headers.remove(KuvertHeaders.SERVICE_CREDENTIAL);
        headers.remove(KuvertHeaders.ADMIN);
        headers.remove(KuvertHeaders.ADMIN_DOMAINS);
    }
}

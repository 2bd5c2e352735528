package dev.kuvert.adminui.gateway;

import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Presents the API token of the portal session on the current request. Without a session the call
 * goes out without credentials, and the gateway's 401 sends the administrator to the sign-in page.
 */
final class BearerTokenInterceptor implements ClientHttpRequestInterceptor {
    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && SecurityContextHolder.getContext().getAuthentication() instanceof GatewayAuthentication session) {
            request.getHeaders().setBearerAuth(session.token().secret());
        }
        return execution.execute(request, body);
    }
}

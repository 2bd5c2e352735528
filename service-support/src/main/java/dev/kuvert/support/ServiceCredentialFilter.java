package dev.kuvert.support;

import dev.kuvert.contracts.KuvertHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards a service's {@code /internal/**} endpoints and, where the gateway fronts them, its
 * {@code /api/**} endpoints: only callers presenting the service credential get through. API
 * requests must also name the administrator they act for; it is exposed as {@link ApiCaller}.
 */
class ServiceCredentialFilter extends OncePerRequestFilter {
    static final String CALLER_ATTRIBUTE = ApiCaller.class.getName();
    private final PlatformSecret secret;
    private final boolean guardApi;

    ServiceCredentialFilter(PlatformSecret secret, boolean guardApi) {
        this.secret = secret;
        this.guardApi = guardApi;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/internal/") || (guardApi && path.startsWith("/api/")));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!secret.isServiceCredential(request.getHeader(KuvertHeaders.SERVICE_CREDENTIAL))) {
            reject(response, "This endpoint is for Kuvert services only; use the gateway.");
            return;
        }
        if (request.getRequestURI().startsWith("/api/")) {
            ApiCaller caller = ApiCaller.fromHeaders(
                    request.getHeader(KuvertHeaders.ADMIN), request.getHeader(KuvertHeaders.ADMIN_DOMAINS));
            if (caller == null) {
                reject(response, "The forwarded request names no administrator.");
                return;
            }
            request.setAttribute(CALLER_ATTRIBUTE, caller);
        }
        chain.doFilter(request, response);
    }

    private static void reject(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\""
                        + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}

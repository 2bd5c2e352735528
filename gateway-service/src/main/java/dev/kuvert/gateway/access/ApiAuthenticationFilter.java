package dev.kuvert.gateway.access;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.support.PlatformSecret;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} callers from the {@code Authorization} header: HTTP Basic with an
 * administrator's password, or {@code Bearer} with an API token. Requests without the header pass
 * on unauthenticated (and are refused later with 401 where the API needs a caller); a header that
 * does not authenticate is refused here, and repeated failures from one client are throttled.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {
    private final AccessService access;
    private final LoginThrottle throttle;
    private final ProblemWriter problems;
    private final PlatformSecret secret;

    ApiAuthenticationFilter(AccessService access, LoginThrottle throttle, ProblemWriter problems, PlatformSecret secret) {
        this.access = access;
        this.throttle = throttle;
        this.problems = problems;
        this.secret = secret;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        String client = clientAddress(request);
        long wait = throttle.retryAfterSeconds(client);
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            problems.write(response, 429, "Too many requests", "Too many failed logins from your address; try again later.");
            return;
        }
        Optional<AdminPrincipal> principal = authenticate(header);
        if (principal.isEmpty()) {
            throttle.failed(client);
            problems.unauthorized(response, "The credentials are not valid.");
            return;
        }
        throttle.succeeded(client);
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal.get(), null,
                List.of(new SimpleGrantedAuthority(principal.get().superAdmin() ? "ROLE_SUPER_ADMIN" : "ROLE_DOMAIN_ADMIN")));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /**
     * The address failed logins are counted against: the connection's, unless the portal (which holds
     * the service credential) signs in on behalf of a browser and names its address.
     */
    private String clientAddress(HttpServletRequest request) {
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor != null && !forwardedFor.isBlank()
                && secret.isServiceCredential(request.getHeader(KuvertHeaders.SERVICE_CREDENTIAL))) {
            return forwardedFor.split(",")[0].strip();
        }
        return request.getRemoteAddr();
    }

    private Optional<AdminPrincipal> authenticate(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return access.authenticateToken(value);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0 || decoded.length() > 1024) {
                return Optional.empty();
            }
            return access.authenticatePassword(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return Optional.empty();
    }
}

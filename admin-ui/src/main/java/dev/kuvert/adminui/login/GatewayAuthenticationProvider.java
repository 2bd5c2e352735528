package dev.kuvert.adminui.login;

import dev.kuvert.adminui.gateway.GatewayAuthentication;
import dev.kuvert.adminui.gateway.GatewayClients;
import dev.kuvert.adminui.gateway.GatewayException;
import dev.kuvert.adminui.gateway.SessionToken;
import dev.kuvert.adminui.gateway.SignedInAdmin;
import dev.kuvert.adminui.system.AdminUiProperties;
import dev.kuvert.contracts.access.AccessClient;
import dev.kuvert.contracts.access.Caller;
import dev.kuvert.contracts.access.TokenCreated;
import dev.kuvert.support.PlatformSecret;
import dev.kuvert.contracts.access.TokenRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a sign-in against the gateway ({@code GET /api/v1/me} with HTTP Basic) and, when the
 * gateway accepts it, creates the session's API token ({@code POST /api/v1/tokens}). The password
 * is used for these two calls only.
 */
@Component
class GatewayAuthenticationProvider implements AuthenticationProvider {
    static final String TOKEN_NAME = "portal session";
    private static final Logger log = LoggerFactory.getLogger(GatewayAuthenticationProvider.class);

    private final GatewayClients clients;
    private final AdminUiProperties properties;
    private final PlatformSecret secret;

    GatewayAuthenticationProvider(GatewayClients clients, AdminUiProperties properties, PlatformSecret secret) {
        this.clients = clients;
        this.properties = properties;
        this.secret = secret;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (username.isEmpty() || password.isEmpty()) {
            throw new BadCredentialsException("User name and password are required.");
        }
        String browser = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        AccessClient gateway = clients.withPassword(username, password, browser, secret.serviceCredential());
        Caller caller;
        try {
            caller = gateway.me();
        } catch (GatewayException e) {
            throw translate(e);
        }
        TokenCreated token;
        try {
            token = gateway.createToken(new TokenRequest(TOKEN_NAME, properties.sessionTokenLifetime().toSeconds()));
        } catch (GatewayException e) {
            throw new AuthenticationServiceException("The gateway refused a session token: " + e.getMessage(), e);
        }
        log.info("Administrator {} signed in to the portal", caller.username());
        return new GatewayAuthentication(
                new SignedInAdmin(caller.username(), caller.superAdmin(), caller.domains()),
                new SessionToken(token.id(), token.token(), token.expiresAt()));
    }

    /** 401/403 on the password check: wrong credentials; 429: throttled; anything else: the gateway could not tell. */
    static AuthenticationException translate(GatewayException e) {
        if (e.status() == 401 || e.status() == 403) {
            return new BadCredentialsException("Wrong user name or password.", e);
        }
        if (e.status() == 429) {
            return new TooManyAttemptsException(e.getMessage(), e);
        }
        return new AuthenticationServiceException(e.getMessage(), e);
    }

    /** The gateway refuses further sign-ins for a while after too many failed ones. */
    static final class TooManyAttemptsException extends AuthenticationException {
        TooManyAttemptsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

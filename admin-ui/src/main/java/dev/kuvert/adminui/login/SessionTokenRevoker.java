package dev.kuvert.adminui.login;

import dev.kuvert.adminui.gateway.GatewayAuthentication;
import dev.kuvert.adminui.gateway.GatewayClients;
import dev.kuvert.adminui.gateway.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Revokes the session's API token when the administrator signs out, and when the portal session
 * ends without that (it timed out, or the portal stopped), so that no token outlives its session.
 */
@Component
class SessionTokenRevoker implements LogoutHandler, HttpSessionListener {
    static final String REVOKED = SessionTokenRevoker.class.getName() + ".revoked";
    private static final Logger log = LoggerFactory.getLogger(SessionTokenRevoker.class);
    private final GatewayClients clients;

    SessionTokenRevoker(GatewayClients clients) {
        this.clients = clients;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication instanceof GatewayAuthentication session) {
            revoke(session, "signed out");
            HttpSession httpSession = request == null ? null : request.getSession(false);
            if (httpSession != null) {
                httpSession.setAttribute(REVOKED, Boolean.TRUE);
            }
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        HttpSession httpSession = event.getSession();
        if (httpSession.getAttribute(REVOKED) != null) {
            return;
        }
        if (httpSession.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
                && context.getAuthentication() instanceof GatewayAuthentication session) {
            revoke(session, "session ended");
        }
    }

    private void revoke(GatewayAuthentication session, String why) {
        try {
            clients.withToken(session.token()).revokeToken(session.token().id());
            log.info("Revoked the portal token of {} ({})", session.getName(), why);
        } catch (GatewayException e) {
            // expired or already revoked (401/404), or the gateway is down: the token dies with its lifetime
            log.info("Could not revoke the portal token of {} ({}): {}", session.getName(), why, e.getMessage());
        }
    }
}

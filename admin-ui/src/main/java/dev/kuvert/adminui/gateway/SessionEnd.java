package dev.kuvert.adminui.gateway;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Ends a portal session whose API token the gateway no longer accepts (expired or revoked): the
 * browser goes to the sign-in page, which says why, and the server-side session is dropped.
 */
final class SessionEnd {
    private SessionEnd() {}

    static void tokenRejected() {
        UI ui = UI.getCurrent();
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        if (ui == null || request == null) {
            return;
        }
        ui.getPage().setLocation(request.getContextPath() + "/login?expired");
        HttpSession session = request.getHttpServletRequest().getSession(false);
        if (session != null) {
            // the token is dead already: nothing to revoke when the session goes
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        }
        new SecurityContextLogoutHandler().logout(request.getHttpServletRequest(), null, null);
    }
}

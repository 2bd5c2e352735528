package dev.kuvert.adminui.login;

import com.vaadin.flow.spring.security.VaadinSavedRequestAwareAuthenticationSuccessHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * After sign-in, Spring Security sends the browser back to the page it first asked for, as an
 * absolute URL built from the request admin-ui received. Behind the gateway that URL names
 * admin-ui's own host and port (the gateway passes neither its Host nor X-Forwarded-* headers), so
 * only its path and query are kept: the browser stays on the origin it used, and the redirect can
 * never lead to another site.
 */
final class SameOriginRedirects extends VaadinSavedRequestAwareAuthenticationSuccessHandler.RedirectStrategy {

    @Override
    public void sendRedirect(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
        super.sendRedirect(request, response, pathAndQuery(url));
    }

    static String pathAndQuery(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null && uri.getRawAuthority() == null) {
                return url.startsWith("/") ? url : "/" + url;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (URISyntaxException e) {
            return "/";
        }
    }
}

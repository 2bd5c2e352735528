package dev.kuvert.adminui.login;

import com.vaadin.flow.spring.security.VaadinDefaultRequestCache;
import com.vaadin.flow.spring.security.VaadinSavedRequestAwareAuthenticationSuccessHandler;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Every view needs a signed-in administrator, except the sign-in page and the health probes.
 * Every redirect is relative (path and query only), so the portal works the same directly and
 * behind the gateway, which forwards neither its Host nor X-Forwarded-* headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {
    static final String LOGIN_PATH = "/login";

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, SessionTokenRevoker revoker, VaadinDefaultRequestCache requestCache)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll());
        // loginPage here as well, not only through the Vaadin configurer: a formLogin() customizer applied before
        // it without a login page makes Spring Security serve its generated "Please sign in" page at /login
        http.formLogin(form -> form.loginPage(LOGIN_PATH).failureHandler(signInFailure()));
        // the configurer takes this handler instead of making its own: same settings, but relative redirects
        var signedIn = new VaadinSavedRequestAwareAuthenticationSuccessHandler();
        signedIn.setDefaultTargetUrl("/");
        signedIn.setRequestCache(requestCache);
        signedIn.setRedirectStrategy(new SameOriginRedirects());
        http.setSharedObject(VaadinSavedRequestAwareAuthenticationSuccessHandler.class, signedIn);
        var toLogin = new LoginUrlAuthenticationEntryPoint(LOGIN_PATH);
        toLogin.setFavorRelativeUris(true);
        http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(toLogin, AnyRequestMatcher.INSTANCE));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin
                        .loginView(LoginView.class, LOGIN_PATH + "?" + LoginView.SIGNED_OUT)
                        .addLogoutHandler(revoker))
                .build();
    }

    /** Back to the sign-in page, saying whether the credentials were wrong, tried too often, or could not be checked. */
    private static AuthenticationFailureHandler signInFailure() {
        return (request, response, exception) -> {
            String reason = switch (exception) {
                case GatewayAuthenticationProvider.TooManyAttemptsException throttled -> LoginView.THROTTLED;
                case AuthenticationServiceException unavailable -> LoginView.UNAVAILABLE;
                default -> LoginView.ERROR;
            };
            response.sendRedirect(request.getContextPath() + LOGIN_PATH + "?" + reason);
        };
    }
}

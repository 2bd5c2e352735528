package dev.kuvert.adminui.login;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexComponent.JustifyContentMode;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.List;
import java.util.Map;

/** The sign-in page. The form posts to Spring Security; {@link GatewayAuthenticationProvider} checks it. */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Kuvert")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    static final String ERROR = "error";
    static final String UNAVAILABLE = "unavailable";
    static final String THROTTLED = "throttled";
    static final String EXPIRED = "expired";
    static final String SIGNED_OUT = "signed-out";

    private final AuthenticationContext authentication;
    private final LoginForm form = new LoginForm();
    private final Paragraph notice = new Paragraph();

    LoginView(AuthenticationContext authentication) {
        this.authentication = authentication;
        setId("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);

        form.setId("login-form");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(texts(ERROR));
        notice.setId("login-notice");
        notice.setVisible(false);

        var title = new H1("Kuvert");
        title.setId("portal-title");
        add(title, notice, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) {
            event.forwardTo("");
            return;
        }
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        if (query.containsKey(UNAVAILABLE) || query.containsKey(THROTTLED)) {
            form.setI18n(texts(query.containsKey(THROTTLED) ? THROTTLED : UNAVAILABLE));
            form.setError(true);
        } else if (query.containsKey(ERROR)) {
            form.setI18n(texts(ERROR));
            form.setError(true);
        } else if (query.containsKey(EXPIRED)) {
            show("Your session has ended. Sign in again.");
        } else if (query.containsKey(SIGNED_OUT)) {
            show("You have signed out.");
        }
    }

    private void show(String text) {
        notice.setText(text);
        notice.setVisible(true);
    }

    private static LoginI18n texts(String failure) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in to the portal");
        i18n.getForm().setUsername("Administrator");
        i18n.getForm().setSubmit("Sign in");
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        if (THROTTLED.equals(failure)) {
            error.setTitle("Too many failed sign-ins");
            error.setMessage("The gateway refuses sign-ins for a while after too many failed ones. Wait a few minutes, then try again.");
        } else if (UNAVAILABLE.equals(failure)) {
            error.setTitle("The gateway cannot check your sign-in");
            error.setMessage("The Kuvert gateway did not answer. Check that the platform is running (./kuvert status), then try again.");
        } else {
            error.setTitle("Wrong user name or password");
            error.setMessage("Check them and try again. The first administrator's password is in $KUVERT_DATA_DIR/admin-password.");
        }
        return i18n;
    }
}

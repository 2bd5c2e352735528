package dev.kuvert.adminui.gateway;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** Shown when a page cannot be built because its gateway call failed. */
@PermitAll
public class GatewayErrorView extends VerticalLayout implements HasErrorParameter<GatewayException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<GatewayException> parameter) {
        GatewayException error = parameter.getException();
        if (error.isUnauthorized()) {
            SessionEnd.tokenRejected();
            return HttpServletResponse.SC_UNAUTHORIZED;
        }
        setId("gateway-error");
        removeAll();
        add(new H2("This page cannot be shown"), new Paragraph(error.getMessage()), new Anchor("domains", "Back to the domains"));
        if (error.isUnreachable() || error.status() >= 500) {
            return HttpServletResponse.SC_BAD_GATEWAY;
        }
        return error.status();
    }
}

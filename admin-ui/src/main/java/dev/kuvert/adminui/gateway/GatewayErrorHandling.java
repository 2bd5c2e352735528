package dev.kuvert.adminui.gateway;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.kuvert.adminui.system.Notices;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One place for what goes wrong in a click: a gateway error becomes a notification with the
 * problem's detail, a rejected session token leads back to the sign-in page, and anything else is
 * logged and shown as a short, generic message. The browser never sees a stack trace.
 */
@Component
class GatewayErrorHandling implements VaadinServiceInitListener {
    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandling.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(GatewayErrorHandling::handle));
    }

    static void handle(ErrorEvent event) {
        Optional<GatewayException> gateway = find(event.getThrowable());
        if (gateway.isPresent() && gateway.get().isUnauthorized()) {
            SessionEnd.tokenRejected();
            return;
        }
        String message;
        if (gateway.isPresent()) {
            log.debug("Gateway call failed: {}", gateway.get().getMessage());
            message = gateway.get().getMessage();
        } else {
            log.error("Unexpected error in the portal", event.getThrowable());
            message = "Something went wrong. The portal's log has the details.";
        }
        if (UI.getCurrent() != null) {
            Notices.error(message);
        }
    }

    static Optional<GatewayException> find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof GatewayException gateway) {
                return Optional.of(gateway);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}

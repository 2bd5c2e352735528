package dev.kuvert.adminui.system;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Short messages to the administrator: what worked, and what did not and why. */
public final class Notices {
    private Notices() {}

    public static void success(String text) {
        show(text, NotificationVariant.SUCCESS, 4000, "notice-success");
    }

    /** An error stays a little longer, so that it is read. */
    public static void error(String text) {
        show(text, NotificationVariant.ERROR, 6000, "notice-error");
    }

    private static void show(String text, NotificationVariant variant, int millis, String className) {
        var message = new Span(text);
        message.addClassName("notice-text");
        var notification = new Notification(message);
        notification.setDuration(millis);
        notification.setPosition(Notification.Position.TOP_CENTER);
        notification.addThemeVariants(variant);
        notification.addClassName(className);
        notification.open();
    }
}

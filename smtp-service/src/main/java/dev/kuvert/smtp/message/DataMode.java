package dev.kuvert.smtp.message;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;

/**
 * Whether a session is between {@code 354} and the end of its message. The session handler needs it
 * to apply the command line limit to commands only, never to message lines.
 */
public final class DataMode {
    private static final AttachmentKey<Boolean> ACTIVE = AttachmentKey.of("kuvert.data-mode", Boolean.class);

    private DataMode() {}

    static void enter(ProtocolSession session) {
        session.setAttachment(ACTIVE, Boolean.TRUE, ProtocolSession.State.Connection);
    }

    static void leave(ProtocolSession session) {
        session.removeAttachment(ACTIVE, ProtocolSession.State.Connection);
    }

    public static boolean isActive(ProtocolSession session) {
        return session.getAttachment(ACTIVE, ProtocolSession.State.Connection).orElse(false);
    }
}

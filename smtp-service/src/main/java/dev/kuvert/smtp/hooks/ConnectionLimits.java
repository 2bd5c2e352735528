package dev.kuvert.smtp.hooks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Caps concurrent connections in total and per client address (one instance shared by every listener).
 * A connection over a limit is greeted with {@code 421} and closed, as RFC 5321 §3.8 suggests.
 */
public final class ConnectionLimits implements ConnectHandler<SMTPSession>, DisconnectHandler<SMTPSession> {
    static final AttachmentKey<Boolean> COUNTED = AttachmentKey.of("kuvert.connection-counted", Boolean.class);
    private static final AttachmentKey<Boolean> REFUSED = AttachmentKey.of("kuvert.connection-refused", Boolean.class);
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimits(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Whether this session was turned away; later connect handlers then stay silent. */
    public static boolean isRefused(SMTPSession session) {
        return session.getAttachment(REFUSED, State.Connection).orElse(false);
    }

    @Override
    public Response onConnect(SMTPSession session) {
        String address = session.getRemoteAddress().getAddress().getHostAddress();
        int now = total.incrementAndGet();
        int fromAddress = perAddress.computeIfAbsent(address, ignored -> new AtomicInteger()).incrementAndGet();
        session.setAttachment(COUNTED, Boolean.TRUE, State.Connection);
        if (now > maxTotal) {
            return refuse(session, "4.3.2 Too many connections, try again later");
        }
        if (fromAddress > maxPerAddress) {
            return refuse(session, "4.7.0 Too many connections from your address, try again later");
        }
        return null;
    }

    private static Response refuse(SMTPSession session, String text) {
        session.setAttachment(REFUSED, Boolean.TRUE, State.Connection);
        SMTPResponse response = new SMTPResponse("421", text);
        response.setEndSession(true);
        return response;
    }

    @Override
    public void onDisconnect(SMTPSession session) {
        if (session == null || session.removeAttachment(COUNTED, State.Connection).isEmpty()) {
            return;
        }
        total.decrementAndGet();
        String address = session.getRemoteAddress().getAddress().getHostAddress();
        perAddress.computeIfPresent(address, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    int open() {
        return total.get();
    }

    int openFrom(String address) {
        AtomicInteger count = perAddress.get(address);
        return count == null ? 0 : count.get();
    }
}

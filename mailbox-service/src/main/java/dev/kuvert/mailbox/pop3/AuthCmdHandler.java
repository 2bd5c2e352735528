package dev.kuvert.mailbox.pop3;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;
import org.apache.james.protocols.pop3.core.RsetCmdHandler;

/**
 * AUTH PLAIN (RFC 5034 with RFC 4616), with the initial response on the command line or after a
 * {@code +} continuation; {@code *} cancels. Only under TLS.
 */
class AuthCmdHandler extends RsetCmdHandler implements CapaCapability {
    private static final Response MECHANISMS = mechanisms();
    private static final Response CONTINUE = new POP3Response("+", "").immutable();
    private static final Response CANCELLED = new POP3Response(POP3Response.ERR_RESPONSE, "Authentication cancelled.").immutable();
    private static final Response UNSUPPORTED = new POP3Response(POP3Response.ERR_RESPONSE, "Unsupported mechanism; use PLAIN.").immutable();
    private final Pop3Login login;

    AuthCmdHandler(MetricFactory metrics, Pop3Login login) {
        super(metrics);
        this.login = login;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (session.getHandlerState() != POP3Session.AUTHENTICATION_READY) {
            return POP3Response.ERR;
        }
        String argument = request.getArgument() == null ? "" : request.getArgument().strip();
        if (argument.isEmpty()) {
            return MECHANISMS;
        }
        if (!session.isTLSStarted()) {
            return Pop3Login.TLS_REQUIRED;
        }
        String[] parts = argument.split(" ", 2);
        if (!parts[0].toUpperCase(Locale.ROOT).equals("PLAIN")) {
            return UNSUPPORTED;
        }
        if (parts.length == 2) {
            return plain(session, parts[1].strip());
        }
        session.pushLineHandler((LineHandler<POP3Session>) (lineSession, line) -> {
            lineSession.popLineHandler();
            return plain(lineSession, new String(line, StandardCharsets.US_ASCII).strip());
        });
        return CONTINUE;
    }

    private Response plain(POP3Session session, String initialResponse) {
        if (initialResponse.equals("*")) {
            return CANCELLED;
        }
        String[] fields;
        try {
            fields = new String(Base64.getDecoder().decode(initialResponse), StandardCharsets.UTF_8).split("\0", -1);
        } catch (IllegalArgumentException e) {
            return Pop3Login.AUTH_FAILED;
        }
        if (fields.length != 3 || (!fields[0].isEmpty() && !fields[0].equalsIgnoreCase(fields[1]))) {
            return Pop3Login.AUTH_FAILED;
        }
        Response refused = login.login(session, fields[1], fields[2]);
        if (refused != null) {
            return refused;
        }
        stat(session);
        return new POP3Response(POP3Response.OK_RESPONSE, "Logged in.");
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return session.isTLSStarted() ? Set.of("SASL PLAIN") : Set.of();
    }

    @Override
    public Collection<String> getImplCommands() {
        return Set.of("AUTH");
    }

    private static Response mechanisms() {
        POP3Response response = new POP3Response(POP3Response.OK_RESPONSE, "Mechanisms follow");
        response.appendLine("PLAIN");
        response.appendLine(".");
        return response.immutable();
    }
}

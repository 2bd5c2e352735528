package dev.kuvert.smtp.message;

import java.util.List;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.api.handler.ExtensibleHandler;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.AbstractHookableCmdHandler;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookResultHook;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the message lines after {@code 354} and, at {@code <CRLF>.<CRLF>}, answers for the whole message:
 * refused when its line endings are not all CRLF or it is too big, else whatever the first
 * {@link MessageHook} that decides answers (the last hook hands the message to the queue).
 *
 * <p>Replaces James's {@code DataLineMessageHookHandler}, which ends the message on any {@code .<CRLF>}
 * line (so {@code <LF>.<CRLF>} splits a message: SMTP smuggling) and gives no reply when no hook decides.
 */
public final class MessageReceiver implements DataLineFilter, ExtensibleHandler, DisconnectHandler<SMTPSession> {
    static final Response BARE_LINE_ENDING = new SMTPResponse("554",
            "5.6.0 Message refused: bare CR or LF in the message data (line endings must be CRLF)").immutable();
    static final Response TOO_BIG = new SMTPResponse("552",
            "5.3.4 Message size exceeds fixed maximum message size").immutable();
    static final Response NOT_QUEUED = new SMTPResponse("451",
            "4.3.0 Requested action aborted: local error in processing, try again later").immutable();
    private static final Logger log = LoggerFactory.getLogger(MessageReceiver.class);

    private List<MessageHook> messageHooks = List.of();
    private List<HookResultHook> resultHooks = List.of();

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        IncomingMessage message = current(session);
        if (message == null) {
            session.popLineHandler();
            DataMode.leave(session);
            return NOT_QUEUED;
        }
        if (!message.onLine(line)) {
            return null;
        }
        session.popLineHandler();
        DataMode.leave(session);
        try {
            return decide(session, message);
        } catch (RuntimeException e) {
            log.error("Failed to take a message", e);
            return NOT_QUEUED;
        } finally {
            message.discard();
            session.resetState();
        }
    }

    private Response decide(SMTPSession session, IncomingMessage message) {
        if (message.hasBareLineEnding()) {
            log.info("Refused a message with bare CR/LF line endings from {}", session.getRemoteAddress().getAddress().getHostAddress());
            return BARE_LINE_ENDING;
        }
        if (message.isOversize()) {
            return TOO_BIG;
        }
        if (message.spoolFailure() != null) {
            log.error("Could not spool a message", message.spoolFailure());
            return NOT_QUEUED;
        }
        for (MessageHook hook : messageHooks) {
            long start = System.currentTimeMillis();
            HookResult result = hook.onMessage(session, message);
            for (HookResultHook resultHook : resultHooks) {
                result = resultHook.onHookResult(session, result, System.currentTimeMillis() - start, hook);
            }
            SMTPResponse response = AbstractHookableCmdHandler.calcDefaultSMTPResponse(result);
            if (response != null) {
                return response;
            }
        }
        log.error("No message hook took the message; the chain must end with the queue hand-off");
        return NOT_QUEUED;
    }

    /** Whether the session's message would take a line of {@code length} bytes without touching the disk. */
    public static boolean takesInMemory(SMTPSession session, int length) {
        IncomingMessage message = current(session);
        return message == null || message.takesInMemory(length);
    }

    private static IncomingMessage current(SMTPSession session) {
        return session.getAttachment(DataCmdHandler.MAILENV, State.Transaction)
                .filter(IncomingMessage.class::isInstance)
                .map(IncomingMessage.class::cast)
                .orElse(null);
    }

    /** A client that disconnects in the middle of DATA leaves no spool file behind. */
    @Override
    public void onDisconnect(SMTPSession session) {
        if (session != null) {
            IncomingMessage message = current(session);
            if (message != null) {
                message.discard();
            }
        }
    }

    @Override
    public List<Class<?>> getMarkerInterfaces() {
        return List.of(MessageHook.class, HookResultHook.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void wireExtensions(Class<?> interfaceName, List<?> extension) {
        if (MessageHook.class.equals(interfaceName)) {
            messageHooks = List.copyOf((List<MessageHook>) extension);
        } else if (HookResultHook.class.equals(interfaceName)) {
            resultHooks = List.copyOf((List<HookResultHook>) extension);
        }
    }
}

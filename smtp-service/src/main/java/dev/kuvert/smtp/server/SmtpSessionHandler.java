package dev.kuvert.smtp.server;

import dev.kuvert.smtp.message.DataMode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's per-connection protocol driver, run on the connection's own (virtual) thread so that hooks may
 * block on the directory or the queue without stalling other connections. Before a frame reaches James it
 * enforces the command line limit (RFC 5321 §4.5.3.1.4: 512 octets with the CRLF, {@code 500 5.5.2});
 * message lines after {@code 354} have no such limit. It tells the framer when a STARTTLS line has been
 * answered.
 */
final class SmtpSessionHandler extends BasicChannelInboundHandler {
    static final int MAX_COMMAND_LINE = 512;
    static final Response LINE_TOO_LONG = new SMTPResponse("500", "5.5.2 Line too long (a command line has at most 512 octets)").immutable();
    private static final Logger log = LoggerFactory.getLogger(SmtpSessionHandler.class);
    private final LineFramer framer;
    private final EventLoop sessionLoop;
    private boolean discardingLongLine;

    /** @param sessionLoop the connection's own single-thread loop this handler runs on; shut down with the connection */
    SmtpSessionHandler(Protocol protocol, Encryption encryption, LineFramer framer, EventLoop sessionLoop) {
        super(new AddressOnlyMdc(), protocol, encryption, false);
        this.framer = framer;
        this.sessionLoop = sessionLoop;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean startTls = msg instanceof LineFramer.StartTlsLine;
        ByteBuf frame = startTls ? ((LineFramer.StartTlsLine) msg).frame() : (ByteBuf) msg;
        ProtocolSession session = (ProtocolSession) ctx.channel().attr(SESSION_ATTRIBUTE_KEY).get();
        try {
            if (session == null) {
                frame.release();
            } else if (DataMode.isActive(session)) {
                super.channelRead(ctx, frame);
            } else {
                onCommandFrame(ctx, session, frame);
            }
        } finally {
            framer.frameConsumed();
            if (startTls) {
                boolean upgraded = session != null && session.isTLSStarted();
                if (upgraded) {
                    // RFC 3207 §4.2: forget what the client said before TLS; it must EHLO again
                    session.removeAttachment(SMTPSession.CURRENT_HELO_MODE, ProtocolSession.State.Connection);
                    session.removeAttachment(SMTPSession.CURRENT_HELO_NAME, ProtocolSession.State.Connection);
                }
                framer.releaseHold(upgraded);
            }
        }
    }

    private void onCommandFrame(ChannelHandlerContext ctx, ProtocolSession session, ByteBuf frame) throws Exception {
        int length = frame.readableBytes();
        boolean completeLine = length > 0 && frame.getByte(frame.writerIndex() - 1) == '\n';
        if (!completeLine) {
            discardingLongLine = true;
            frame.release();
            return;
        }
        if (discardingLongLine || length > MAX_COMMAND_LINE) {
            discardingLongLine = false;
            frame.release();
            ((ProtocolSessionImpl) session).getProtocolTransport().writeResponse(LINE_TOO_LONG, session);
            return;
        }
        super.channelRead(ctx, frame);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof IOException || cause instanceof SSLException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            log.debug("Closing {} after {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    /**
     * The last event of the connection: its thread is no longer needed. A short quiet period lets the
     * close notifications that are still bound to this loop run.
     */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        sessionLoop.shutdownGracefully(200, 2000, TimeUnit.MILLISECONDS);
    }
}

package dev.kuvert.smtp.server;

import dev.kuvert.smtp.message.DataMode;
import dev.kuvert.smtp.message.MessageReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.LineHandlerUpstreamHandler;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's per-connection protocol driver. It runs on the connection's I/O thread as long as the work
 * cannot block: the greeting, EHLO, MAIL, DATA, message lines while the message still fits in memory,
 * RSET, NOOP, QUIT. Work that may block (RCPT asks the directory, the final dot hands the message to the
 * queue, AUTH asks the directory and may be delayed, STARTTLS) goes to the connection's
 * {@link SessionWorker}, and so does everything that arrives while the worker still has work: James
 * sees each connection's events one at a time, in order. Replies written by the worker travel through
 * the I/O thread's task queue; the worker's "caught up" notice travels the same way, so nothing answered
 * on the I/O thread overtakes them.
 *
 * <p>Before a frame reaches James it enforces the command line limit (RFC 5321 §4.5.3.1.4: 512 octets
 * with the CRLF, {@code 500 5.5.2}); message lines after {@code 354} have no such limit. It tells the
 * framer when a STARTTLS line has been answered.
 */
final class SmtpSessionHandler extends BasicChannelInboundHandler {
    static final int MAX_COMMAND_LINE = 512;
    static final Response LINE_TOO_LONG = new SMTPResponse("500", "5.5.2 Line too long (a command line has at most 512 octets)").immutable();
    private static final Logger log = LoggerFactory.getLogger(SmtpSessionHandler.class);
    private final LineFramer framer;
    private final SessionWorker worker;
    private boolean discardingLongLine;
    /** Line handlers James has pushed (AUTH continuation, DATA): then a line is not a command. Session-confined. */
    private int pushedLineHandlers;
    /** Tasks given to the worker, and how many of them the I/O thread knows to be done. I/O-thread-confined. */
    private long handedOver;
    private long knownDone;

    SmtpSessionHandler(Protocol protocol, Encryption encryption, LineFramer framer, EventLoop ioLoop) {
        super(new AddressOnlyMdc(), protocol, encryption, false);
        this.framer = framer;
        this.worker = new SessionWorker(finished -> {
            try {
                // notices arrive in order (one worker thread at a time, one FIFO task queue): the last is the largest
                ioLoop.execute(() -> knownDone = finished);
            } catch (RejectedExecutionException e) {
                log.debug("The I/O loop is shut down; the connection is closing");
            }
        });
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        run(ctx, true, () -> super.channelActive(ctx));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        run(ctx, true, () -> super.channelInactive(ctx));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        run(ctx, true, () -> onException(ctx, cause));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        run(ctx, workerIdle() && cannotBlock(ctx, msg), () -> onFrame(ctx, msg));
    }

    /** James's transport, except that line handlers go to this handler itself (see {@link HandlerBoundTransport}). */
    @Override
    protected ProtocolSession createSession(ChannelHandlerContext ctx) {
        return protocol.newSession(new HandlerBoundTransport(ctx.channel(), secure));
    }

    /**
     * James looks this handler up in the pipeline to push a line handler (DATA, AUTH, and the discard-all
     * after {@code 221}). Once the peer has closed, Netty has already emptied the pipeline on the I/O thread
     * while the worker may still be answering (a QUIT behind the final dot): the lookup found nothing.
     */
    private final class HandlerBoundTransport extends NettyProtocolTransport {
        HandlerBoundTransport(Channel channel, Encryption encryption) {
            super(channel, encryption, false);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void pushLineHandler(LineHandler<? extends ProtocolSession> handler, ProtocolSession session) {
            SmtpSessionHandler.this.pushLineHandler(new LineHandlerUpstreamHandler(session, (LineHandler) handler));
        }

        @Override
        public void popLineHandler() {
            SmtpSessionHandler.this.popLineHandler();
        }
    }

    @Override
    public void pushLineHandler(ChannelInboundHandlerAdapter lineHandlerUpstreamHandler) {
        super.pushLineHandler(lineHandlerUpstreamHandler);
        pushedLineHandlers++;
    }

    @Override
    public void popLineHandler() {
        super.popLineHandler();
        pushedLineHandlers = Math.max(0, pushedLineHandlers - 1);
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs the work here when allowed and the worker is idle, else queues it behind the worker's. */
    private void run(ChannelHandlerContext ctx, boolean inline, Work work) throws Exception {
        if (inline && workerIdle()) {
            work.run();
            return;
        }
        handedOver++;
        worker.submit(() -> {
            try {
                work.run();
            } catch (Exception e) {
                try {
                    onException(ctx, e);
                } catch (Exception again) {
                    log.warn("Closing {} after {}", ctx.channel().remoteAddress(), again.toString());
                    ctx.close();
                }
            }
        });
    }

    /** Whether everything handed to the worker is done, its replies included (I/O thread only). */
    private boolean workerIdle() {
        return knownDone == handedOver;
    }

    /**
     * Whether James can take this frame without blocking. Called only when the worker is idle, so the
     * session's state is the worker's last word.
     */
    private boolean cannotBlock(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            return false;
        }
        ProtocolSession session = (ProtocolSession) ctx.channel().attr(SESSION_ATTRIBUTE_KEY).get();
        if (session == null) {
            return true;
        }
        if (DataMode.isActive(session)) {
            return !mayEndMessage(frame) && MessageReceiver.takesInMemory((SMTPSession) session, frame.readableBytes());
        }
        return pushedLineHandlers == 0 && isNonBlockingCommand(frame);
    }

    /** The final dot (and so the hand-off) comes in a frame of its own; anything short that starts with a dot may be it. */
    private static boolean mayEndMessage(ByteBuf frame) {
        return frame.readableBytes() <= 3 && frame.isReadable() && frame.getByte(frame.readerIndex()) == '.';
    }

    /** EHLO, HELO, MAIL, DATA, RSET, NOOP, QUIT, VRFY, EXPN, HELP: their handlers and hooks never wait. */
    static boolean isNonBlockingCommand(ByteBuf frame) {
        int start = frame.readerIndex();
        if (frame.readableBytes() < 5) {
            return false;
        }
        byte after = frame.getByte(start + 4);
        if (after != ' ' && after != '\r' && after != '\n') {
            return false;
        }
        int verb = 0;
        for (int i = 0; i < 4; i++) {
            verb = verb << 8 | (frame.getByte(start + i) & 0xDF);
        }
        return switch (verb) {
            case 0x45484C4F, // EHLO
                 0x48454C4F, // HELO
                 0x4D41494C, // MAIL
                 0x44415441, // DATA
                 0x52534554, // RSET
                 0x4E4F4F50, // NOOP
                 0x51554954, // QUIT
                 0x56524659, // VRFY
                 0x4558504E, // EXPN
                 0x48454C50 -> true; // HELP
            default -> false;
        };
    }

    private void onFrame(ChannelHandlerContext ctx, Object msg) throws Exception {
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

    private void onException(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof IOException || cause instanceof SSLException
                || cause instanceof DecoderException && cause.getCause() instanceof SSLException) {
            log.debug("Closing {} after {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }
}

package dev.kuvert.smtp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cuts the byte stream into lines (each ending in LF, line ending included) or, for a line longer than
 * {@code maxFrame}, into pieces of it; a piece never ends between a CR and its LF. The session handler
 * decides what a line means; this class only frames, and does two things on its own:
 *
 * <ul>
 *   <li><b>STARTTLS injection</b> (RFC 3207 §5, CVE-2011-0411): after a plaintext {@code STARTTLS} line it
 *   stops reading and holds back what followed. Once the session handler has answered, whatever was held
 *   is dropped if TLS started (commands pipelined behind STARTTLS are never executed) or framed as usual
 *   if it did not.
 *   <li><b>Back-pressure</b>: it stops reading while more than {@value #HIGH_WATER} frames wait for the
 *   session handler (a hook may block), and reads again once they are down to {@value #LOW_WATER}.
 * </ul>
 *
 * <p>Runs on the channel's event loop; {@link #frameConsumed()} and {@link #releaseHold(boolean)} may be
 * called from the session thread.
 */
final class LineFramer extends ChannelInboundHandlerAdapter {
    static final int HIGH_WATER = 256;
    static final int LOW_WATER = 16;

    /** The plaintext STARTTLS line, marked so that the session handler releases the hold after answering it. */
    record StartTlsLine(ByteBuf frame) {}

    private final int maxFrame;
    private final AtomicInteger waiting = new AtomicInteger();
    private ChannelHandlerContext context;
    private ByteBuf buffer;
    private boolean held;

    LineFramer(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
        buffer = ctx.alloc().buffer(1024);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (buffer != null) {
            buffer.release();
            buffer = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (buffer != null) {
                buffer.writeBytes(in);
            }
        } finally {
            in.release();
        }
        drain();
    }

    private void drain() {
        while (buffer != null && !held && buffer.isReadable()) {
            int start = buffer.readerIndex();
            int searchLength = Math.min(buffer.readableBytes(), maxFrame);
            int lf = buffer.indexOf(start, start + searchLength, (byte) '\n');
            ByteBuf frame;
            boolean completeLine = lf >= 0;
            if (completeLine) {
                frame = buffer.readBytes(lf - start + 1);
            } else if (buffer.readableBytes() >= maxFrame) {
                int length = maxFrame;
                if (buffer.getByte(start + length - 1) == '\r') {
                    length--;
                }
                frame = buffer.readBytes(length);
            } else {
                break;
            }
            waiting.incrementAndGet();
            if (completeLine && isStartTls(frame) && context.pipeline().get(SslHandler.class) == null) {
                held = true;
                context.channel().config().setAutoRead(false);
                context.fireChannelRead(new StartTlsLine(frame));
            } else {
                context.fireChannelRead(frame);
            }
            if (waiting.get() > HIGH_WATER) {
                context.channel().config().setAutoRead(false);
            }
        }
        if (buffer != null) {
            buffer.discardSomeReadBytes();
        }
    }

    private static boolean isStartTls(ByteBuf frame) {
        return frame.readableBytes() <= 16
                && frame.toString(StandardCharsets.US_ASCII).strip().equalsIgnoreCase("STARTTLS");
    }

    /** The session handler has taken one frame. */
    void frameConsumed() {
        if (waiting.decrementAndGet() == LOW_WATER) {
            context.executor().execute(this::resumeIfDrained);
        }
    }

    /** The session handler answered the held STARTTLS line; {@code upgraded} when TLS is now on. */
    void releaseHold(boolean upgraded) {
        context.executor().execute(() -> {
            held = false;
            if (upgraded && buffer != null) {
                buffer.skipBytes(buffer.readableBytes());
            }
            drain();
            resumeIfDrained();
        });
    }

    private void resumeIfDrained() {
        if (!held && waiting.get() <= LOW_WATER && context.channel().isActive()) {
            context.channel().config().setAutoRead(true);
        }
    }
}

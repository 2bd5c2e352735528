package dev.kuvert.smtp.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A client that sends nothing for the idle timeout is told {@code 421 4.4.2} and disconnected (RFC 5321 §4.5.3.2). */
final class IdleTimeout extends IdleStateHandler {
    private final String hostname;

    IdleTimeout(long timeoutMillis, String hostname) {
        super(timeoutMillis, 0, 0, TimeUnit.MILLISECONDS);
        this.hostname = hostname;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() == IdleState.READER_IDLE) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("421 4.4.2 " + hostname + " Error: timeout exceeded\r\n", StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}

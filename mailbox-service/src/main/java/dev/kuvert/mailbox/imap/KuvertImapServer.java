package dev.kuvert.mailbox.imap;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetSocketAddress;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.ImapMetrics;
import org.apache.james.imapserver.netty.NettyConstants;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's IMAP server with Kuvert's TLS context (instead of James's keystore loading), the client's
 * address recorded in each session (for login throttling), oversized literals refused up front, the
 * pieces of a response merged into large writes, and a literal that breaks off ending the connection.
 */
final class KuvertImapServer extends IMAPServer {
    /** Literals larger than this are spooled to a temporary file by James rather than kept in memory. */
    static final int IN_MEMORY_LIMIT = Math.toIntExact(IMAPServer.DEFAULT_IN_MEMORY_SIZE_LIMIT.asBytes());
    /** The most flushes merged into one write (James flushes about three times per FETCHed message). */
    static final int FLUSHES_PER_WRITE = 64;
    static final String FLUSH_CONSOLIDATION = "kuvert-flush-consolidation";
    private static final Logger log = LoggerFactory.getLogger(KuvertImapServer.class);
    private final ImapDecoder decoder;
    private final Encryption tls;
    private final long maxLiteral;
    private final int maxLine;

    KuvertImapServer(ImapDecoder decoder, ImapEncoder encoder, ImapProcessor processor, ImapMetrics metrics, Encryption tls, long maxLiteral,
            int maxLine) {
        super(decoder, encoder, processor, metrics, new NoopGaugeRegistry());
        this.decoder = decoder;
        this.tls = tls;
        this.maxLiteral = maxLiteral;
        this.maxLine = maxLine;
    }

    @Override
    protected void buildSSLContext() {
        encryption = tls;
    }

    @Override
    protected AbstractChannelPipelineFactory createPipelineFactory() {
        AbstractChannelPipelineFactory imap = super.createPipelineFactory();
        return new AbstractChannelPipelineFactory(getFrameHandlerFactory(), getExecutorGroup()) {
            @Override
            protected void initChannel(SocketChannel channel) {
                channel.pipeline().addLast(imap);
                channel.pipeline().replace(NettyConstants.REQUEST_DECODER, NettyConstants.REQUEST_DECODER,
                        new LiteralGuard(decoder, IN_MEMORY_LIMIT, maxLiteral, maxLine));
                channel.pipeline().addLast("kuvert-client-address", new ClientAddress());
                channel.pipeline().replace(NettyConstants.CHUNK_WRITE_HANDLER, NettyConstants.CHUNK_WRITE_HANDLER, new LiteralWriter());
                // James flushes every piece of a response (a FETCH item's head, its literal, its closing) on its own:
                // each flush is a TLS record and a system call. Merged, a FETCH of many messages goes out in large writes.
                var consolidation = new FlushConsolidationHandler(FLUSHES_PER_WRITE, true);
                if (channel.pipeline().get(HandlerConstants.SSL_HANDLER) != null) {
                    channel.pipeline().addAfter(HandlerConstants.SSL_HANDLER, FLUSH_CONSOLIDATION, consolidation);
                } else {
                    channel.pipeline().addFirst(FLUSH_CONSOLIDATION, consolidation);
                }
            }

            @Override
            protected ChannelInboundHandlerAdapter createHandler() {
                return createCoreHandler();
            }
        };
    }

    /** Runs after James created the session (its channelActive), and notes the peer's address in it. */
    private static final class ClientAddress extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            Channel channel = ctx.channel();
            ImapSession session = channel.attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
            if (session != null && channel.remoteAddress() instanceof InetSocketAddress address) {
                session.setAttribute(DirectoryLogin.CLIENT_ADDRESS, address.getAddress().getHostAddress());
            }
            super.channelActive(ctx);
        }
    }

    /**
     * James's chunked writer, except that a literal that cannot be read to its end (its blob is read only when the
     * socket takes it, long after its size was sent) closes the connection: the client would otherwise take what
     * follows for the rest of the literal. Netty only fails that write, and James does not look.
     */
    private static final class LiteralWriter extends ChunkedWriteHandler {
        private static final ChannelFutureListener CLOSE_WHEN_BROKEN = written -> {
            if (!written.isSuccess() && written.channel().isActive()) {
                log.warn("A literal to {} broke off; closing the connection", written.channel().remoteAddress(), written.cause());
                written.channel().close();
            }
        };

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof ChunkedInput<?> && !promise.isVoid()) {
                promise.addListener(CLOSE_WHEN_BROKEN);
            }
            super.write(ctx, msg, promise);
        }
    }
}

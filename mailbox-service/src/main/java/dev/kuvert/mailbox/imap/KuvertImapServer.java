package dev.kuvert.mailbox.imap;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
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

/**
 * James's IMAP server with Kuvert's TLS context (instead of James's keystore loading), the client's
 * address recorded in each session (for login throttling) and oversized literals refused up front.
 */
final class KuvertImapServer extends IMAPServer {
    /** Literals larger than this are spooled to a temporary file by James rather than kept in memory. */
    static final int IN_MEMORY_LIMIT = Math.toIntExact(IMAPServer.DEFAULT_IN_MEMORY_SIZE_LIMIT.asBytes());
    /** The most flushes merged into one write (James flushes about three times per FETCHed message). */
    static final int FLUSHES_PER_WRITE = 64;
    static final String FLUSH_CONSOLIDATION = "kuvert-flush-consolidation";
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
}

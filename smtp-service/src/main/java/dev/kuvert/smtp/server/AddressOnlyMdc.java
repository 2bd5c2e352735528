package dev.kuvert.smtp.server;

import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.ProtocolMDCContextFactory;
import org.apache.james.util.MDCBuilder;

/** Logging context with the client address only: James's standard one does a reverse DNS lookup per connection. */
final class AddressOnlyMdc implements ProtocolMDCContextFactory {
    @Override
    public MDCBuilder onBound(Protocol protocol, ChannelHandlerContext ctx) {
        String address = ctx.channel().remoteAddress() instanceof InetSocketAddress socket
                ? socket.getAddress().getHostAddress()
                : String.valueOf(ctx.channel().remoteAddress());
        return MDCBuilder.create().addToContext(MDCBuilder.PROTOCOL, protocol.getName()).addToContext(MDCBuilder.IP, address);
    }

    @Override
    public MDCBuilder withContext(ProtocolSession session) {
        return ProtocolMDCContextFactory.from(session);
    }
}

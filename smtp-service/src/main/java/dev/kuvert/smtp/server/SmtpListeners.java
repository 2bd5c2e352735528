package dev.kuvert.smtp.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The SMTP listeners as one lifecycle: {@link #start()} binds all of them or none (a port that fails to
 * bind closes the ones already open), {@link #stop()} closes the listeners and every open connection.
 *
 * <p>Per connection: [TLS for implicit TLS] → {@link LineFramer} → {@link IdleTimeout} → James's protocol
 * driver ({@link SmtpSessionHandler}) on the shared I/O loops; the driver hands work that may block to a
 * virtual thread of the connection's.
 */
public final class SmtpListeners implements SmartLifecycle {
    /** A listener and what it speaks. */
    public record Binding(Listener listener, int port, Protocol protocol, Encryption encryption) {}

    static final int MAX_FRAME = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(SmtpListeners.class);
    private final List<Binding> bindings;
    private final String bindAddress;
    private final Duration idleTimeout;
    private final String hostname;
    private final Map<Listener, Channel> serverChannels = new EnumMap<>(Listener.class);
    private ChannelGroup connections;
    private EventLoopGroup ioLoops;
    private volatile boolean running;

    public SmtpListeners(List<Binding> bindings, String bindAddress, Duration idleTimeout, String hostname) {
        this.bindings = List.copyOf(bindings);
        this.bindAddress = bindAddress;
        this.idleTimeout = idleTimeout;
        this.hostname = hostname;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        ioLoops = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("smtp-io"), NioIoHandler.newFactory());
        connections = new DefaultChannelGroup("smtp-connections", GlobalEventExecutor.INSTANCE);
        try {
            for (Binding binding : bindings) {
                ServerBootstrap bootstrap = new ServerBootstrap()
                        .group(ioLoops)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 250)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new Initializer(binding));
                Channel channel = bootstrap.bind(new InetSocketAddress(bindAddress, binding.port())).sync().channel();
                serverChannels.put(binding.listener(), channel);
                log.info("SMTP {} listening on {}", binding.listener(), channel.localAddress());
            }
        } catch (Exception e) {
            closeEverything();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot open the SMTP listeners: " + e.getMessage(), e);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        closeEverything();
        running = false;
    }

    private void closeEverything() {
        serverChannels.values().forEach(channel -> channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS));
        serverChannels.clear();
        if (connections != null) {
            connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (ioLoops != null) {
            ioLoops.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            ioLoops = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The bound port of a listener (useful when configured as 0). */
    public synchronized int port(Listener listener) {
        Channel channel = serverChannels.get(listener);
        if (channel == null) {
            throw new IllegalStateException(listener + " is not listening");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private final class Initializer extends ChannelInitializer<SocketChannel> {
        private final Binding binding;

        Initializer(Binding binding) {
            this.binding = binding;
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            connections.add(channel);
            ChannelPipeline pipeline = channel.pipeline();
            if (binding.listener().implicitTls()) {
                pipeline.addLast(HandlerConstants.SSL_HANDLER, binding.encryption().sslHandler());
            }
            LineFramer framer = new LineFramer(MAX_FRAME);
            pipeline.addLast(HandlerConstants.FRAMER, framer);
            pipeline.addLast(HandlerConstants.TIMEOUT_HANDLER, new IdleTimeout(idleTimeout.toMillis(), hostname));
            pipeline.addLast(HandlerConstants.CORE_HANDLER,
                    new SmtpSessionHandler(binding.protocol(), binding.encryption(), framer, channel.eventLoop()));
        }
    }
}

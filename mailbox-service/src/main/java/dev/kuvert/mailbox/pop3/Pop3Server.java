package dev.kuvert.mailbox.pop3;

import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.mailbox.store.MessageStore;
import dev.kuvert.protocol.TlsEncryption;
import dev.kuvert.support.tls.TlsCredentials;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.netty.AllButStartTlsLineChannelHandlerFactory;
import org.apache.james.protocols.netty.ChannelHandlerFactory;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.LineDelimiterBasedChannelHandlerFactory;
import org.apache.james.protocols.netty.NettyServer;
import org.apache.james.protocols.pop3.POP3Configuration;
import org.apache.james.protocols.pop3.POP3Protocol;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCmdHandler;
import org.apache.james.protocols.pop3.core.DeleCmdHandler;
import org.apache.james.protocols.pop3.core.ListCmdHandler;
import org.apache.james.protocols.pop3.core.NoopCmdHandler;
import org.apache.james.protocols.pop3.core.QuitCmdHandler;
import org.apache.james.protocols.pop3.core.RetrCmdHandler;
import org.apache.james.protocols.pop3.core.RsetCmdHandler;
import org.apache.james.protocols.pop3.core.StatCmdHandler;
import org.apache.james.protocols.pop3.core.TopCmdHandler;
import org.apache.james.protocols.pop3.core.UidlCmdHandler;
import org.apache.james.protocols.pop3.core.UnknownCmdHandler;
import org.apache.james.protocols.pop3.core.WelcomeMessageHandler;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * POP3 on James protocols-pop3: STLS on {@code kuvert.pop3-port}, implicit TLS on
 * {@code kuvert.pop3s-port}. Bound in a {@link SmartLifecycle} so that a context that fails to start
 * leaves no port open.
 */
@Component
class Pop3Server implements SmartLifecycle {
    static final int IDLE_TIMEOUT_SECONDS = 600;
    static final int MAX_CONNECTIONS_PER_IP = 20;
    /** RFC 2449 allows 255 octets per command; AUTH PLAIN's initial response may be longer. */
    static final int MAX_LINE = 2048;
    private final MailboxProperties properties;
    private final MetricFactory metrics;
    private final Pop3Login login;
    private final TlsCredentials tls;
    private final List<NettyServer> servers = new ArrayList<>();

    Pop3Server(MailboxProperties properties, MetricFactory metrics, Pop3Login login, TlsCredentials tls) {
        this.properties = properties;
        this.metrics = metrics;
        this.login = login;
        this.tls = tls;
    }

    @Override
    public synchronized void start() {
        try {
            POP3Protocol protocol = new POP3Protocol(chain(), new Configuration(properties.hostname()));
            servers.add(bind(protocol, TlsEncryption.startTls(tls), new AllButStartTlsLineChannelHandlerFactory("stls", MAX_LINE),
                    properties.pop3Port()));
            servers.add(bind(protocol, TlsEncryption.implicitTls(tls), new LineDelimiterBasedChannelHandlerFactory(MAX_LINE),
                    properties.pop3sPort()));
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot start POP3 on ports " + properties.pop3Port() + " and " + properties.pop3sPort(), e);
        }
    }

    @Override
    public synchronized void stop() {
        servers.forEach(NettyServer::unbind);
        servers.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !servers.isEmpty();
    }

    /** The ports actually bound (the configured ones, or the system's choice for port 0). */
    synchronized List<Integer> boundPorts() {
        return servers.stream().map(s -> s.getListenAddresses().getFirst().getPort()).toList();
    }

    /**
     * The STLS listener drops a connection whose client pipelines anything behind STLS, which would
     * otherwise be executed as if it had come over TLS (the CVE-2021-38542 class of attack).
     */
    private NettyServer bind(POP3Protocol protocol, Encryption encryption, ChannelHandlerFactory framing, int port) throws Exception {
        NettyServer server = new NettyServer.Factory().protocol(protocol).secure(encryption).frameHandlerFactory(framing).build();
        server.setListenAddresses(new InetSocketAddress(port));
        server.setTimeout(IDLE_TIMEOUT_SECONDS);
        server.setMaxConcurrentConnectionsPerIP(MAX_CONNECTIONS_PER_IP);
        server.setIoWorkerCount(8);
        server.bind();
        return server;
    }

    private ProtocolHandlerChainImpl chain() throws WiringException {
        ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
        chain.add(new CapaCmdHandler(metrics));
        chain.add(new Pop3Capabilities());
        chain.add(new UserCmdHandler());
        chain.add(new PassCmdHandler(metrics, login));
        chain.add(new AuthCmdHandler(metrics, login));
        chain.add(new StlsCmdHandler(metrics));
        chain.add(new StatCmdHandler(metrics));
        chain.add(new ListCmdHandler(metrics));
        chain.add(new UidlCmdHandler(metrics));
        chain.add(new TopCmdHandler(metrics));
        chain.add(new RetrCmdHandler(metrics));
        chain.add(new DeleCmdHandler(metrics));
        chain.add(new RsetCmdHandler(metrics));
        chain.add(new NoopCmdHandler(metrics));
        chain.add(new QuitCmdHandler(metrics));
        chain.add(new WelcomeMessageHandler());
        chain.add(new UnknownCmdHandler());
        chain.add((DisconnectHandler<POP3Session>) Pop3Server::releaseMaildrop);
        chain.add(new CommandDispatcher<POP3Session>());
        chain.wireExtensibleHandlers();
        return chain;
    }

    /** A session that ends without QUIT gives its maildrop back, deleting nothing (RFC 1939 §6). */
    private static void releaseMaildrop(POP3Session session) {
        var maildrop = session.getUserMailbox();
        if (maildrop != null) {
            try {
                maildrop.close();
            } catch (java.io.IOException ignored) {
                // closing only releases the lock
            }
        }
    }

    private static final class Configuration extends POP3Configuration {
        private final String hostname;

        Configuration(String hostname) {
            this.hostname = hostname;
        }

        @Override
        public String getHelloName() {
            return hostname;
        }

        @Override
        public String getSoftwareName() {
            return "Kuvert";
        }
    }
}

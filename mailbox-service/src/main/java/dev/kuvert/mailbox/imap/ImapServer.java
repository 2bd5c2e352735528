package dev.kuvert.mailbox.imap;

import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.mailbox.directory.Directory;
import dev.kuvert.mailbox.imap.store.AccountQuotaManager;
import dev.kuvert.protocol.AuthThrottle;
import dev.kuvert.protocol.TlsEncryption;
import dev.kuvert.support.tls.TlsCredentials;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.events.EventBus;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.encode.main.DefaultImapEncoderFactory;
import org.apache.james.imap.encode.main.DefaultLocalizer;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imap.processor.main.DefaultImapProcessorFactory;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.ImapMetrics;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.netty.Encryption;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * IMAP4rev1 on James's IMAP server: STARTTLS on {@code kuvert.imap-port} (LOGINDISABLED until TLS is
 * on) and implicit TLS on {@code kuvert.imaps-port}. Bound in a {@link SmartLifecycle}, so a context
 * that fails to start leaves no port open; James's javax lifecycle annotations are not honoured by
 * Spring, so {@code configure}/{@code init}/{@code destroy} are called here.
 */
@Component
class ImapServer implements SmartLifecycle {
    /** RFC 3501 §5.4: the autologout timer is at least 30 minutes (James refuses less). */
    static final int AUTOLOGOUT_SECONDS = 30 * 60;
    static final int MAX_CONNECTIONS_PER_IP = 20;
    static final int MAX_CONNECTIONS = 2000;
    /** RFC 7162 §4 recommends at least 8192 octets per command line; long UID sets need more. */
    static final int MAX_LINE = 65536;
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private final MailboxProperties properties;
    private final TlsCredentials tls;
    private final ImapProcessor processor;
    private final ImapMetrics metrics;
    private final List<IMAPServer> servers = new ArrayList<>();

    ImapServer(MailboxProperties properties, TlsCredentials tls, KuvertMailboxManager mailboxes, EventBus eventBus,
            SubscriptionManager subscriptions, AccountQuotaManager quotas, UserQuotaRootResolver quotaRoots, MetricFactory metricFactory,
            Directory directory, AuthThrottle throttle, JdbcClient jdbc) {
        this.properties = properties;
        this.tls = tls;
        UnpooledStatusResponseFactory responses = new UnpooledStatusResponseFactory();
        SpecialUseTyper typer = new SpecialUseTyper(jdbc);
        ImapProcessor chain = DefaultImapProcessorFactory.createXListSupportingProcessor(mailboxes, eventBus, subscriptions, typer, quotas,
                quotaRoots, metricFactory);
        this.processor = new KuvertImapProcessor(chain, new DirectoryLogin(directory, throttle, mailboxes, responses),
                SpecialUseList.create(mailboxes, responses, metricFactory, subscriptions, typer),
                new SortProcessor(mailboxes, responses, metricFactory), responses);
        this.metrics = new ImapMetrics(metricFactory);
    }

    @Override
    public synchronized void start() {
        try {
            servers.add(start(TlsEncryption.startTls(tls), properties.imapPort()));
            servers.add(start(TlsEncryption.implicitTls(tls), properties.imapsPort()));
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot start IMAP on ports " + properties.imapPort() + " and " + properties.imapsPort(), e);
        }
    }

    private IMAPServer start(Encryption encryption, int port) throws Exception {
        KuvertImapServer server = new KuvertImapServer(SortCommandParser.decoder(),
                new SortResponseEncoder(DefaultImapEncoderFactory.createDefaultEncoder(new DefaultLocalizer(), true)), processor, metrics,
                encryption, properties.maxMessageBytes(), MAX_LINE);
        server.configure(configuration(port));
        server.init();
        return server;
    }

    private BaseHierarchicalConfiguration configuration(int port) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("bind", "0.0.0.0:" + port);
        config.addProperty("jmxName", "kuvert-imap-" + INSTANCES.incrementAndGet());
        config.addProperty("helloName", properties.hostname());
        config.addProperty("helloName[@autodetect]", false);
        config.addProperty("connectionLimit", MAX_CONNECTIONS);
        config.addProperty("connectionLimitPerIP", MAX_CONNECTIONS_PER_IP);
        config.addProperty("timeout", AUTOLOGOUT_SECONDS);
        config.addProperty("maxLineLength", MAX_LINE);
        config.addProperty("literalSizeLimit", Long.toString(properties.maxMessageBytes()));
        config.addProperty("auth.requireSSL", true);
        config.addProperty("auth.plainAuthEnabled", true);
        config.addProperty("enableIdle", true);
        config.addProperty("idleTimeInterval", 120);
        config.addProperty("provisionDefaultMailboxes", false);
        config.addProperty("gracefulShutdown", false);
        return config;
    }

    @Override
    public synchronized void stop() {
        servers.forEach(IMAPServer::destroy);
        servers.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return !servers.isEmpty();
    }

    /** The ports actually bound: STARTTLS first, then implicit TLS. */
    synchronized List<Integer> boundPorts() {
        return servers.stream().map(s -> s.getListenAddresses().getFirst().getPort()).toList();
    }
}

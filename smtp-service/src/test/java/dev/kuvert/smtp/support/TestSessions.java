package dev.kuvert.smtp.support;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.apache.james.protocols.api.AbstractProtocolTransport;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;

/** Real James SMTP sessions over a transport that only remembers what was written, for unit tests of hooks. */
public final class TestSessions {
    private TestSessions() {}

    /** A transport from {@code remoteAddress}, with or without TLS. */
    public static final class FakeTransport extends AbstractProtocolTransport {
        public final List<byte[]> written = new ArrayList<>();
        private final InetSocketAddress remote;
        private final boolean tls;

        FakeTransport(String remoteAddress, boolean tls) {
            this.remote = new InetSocketAddress(remoteAddress, 40000);
            this.tls = tls;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return remote;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return new InetSocketAddress("127.0.0.1", 25);
        }

        @Override
        public String getId() {
            return "test-session";
        }

        @Override
        public boolean isTLSStarted() {
            return tls;
        }

        @Override
        public boolean isStartTLSSupported() {
            return true;
        }

        @Override
        public Optional<SSLSession> getSSLSession() {
            return Optional.empty();
        }

        @Override
        public boolean isProxyRequired() {
            return false;
        }

        @Override
        public void popLineHandler() {}

        @Override
        public void pushLineHandler(LineHandler<? extends ProtocolSession> handler, ProtocolSession session) {}

        @Override
        public void setReadable(boolean readable) {}

        @Override
        public boolean isReadable() {
            return true;
        }

        @Override
        protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTLS) {
            written.add(bytes);
        }

        @Override
        protected void writeToClient(InputStream in, ProtocolSession session, boolean startTLS) {}

        @Override
        protected void close() {}
    }

    public static SMTPSession plain(String remoteAddress) {
        return new SMTPSessionImpl(new FakeTransport(remoteAddress, false), new SMTPConfigurationImpl());
    }

    public static SMTPSession tls(String remoteAddress) {
        return new SMTPSessionImpl(new FakeTransport(remoteAddress, true), new SMTPConfigurationImpl());
    }
}

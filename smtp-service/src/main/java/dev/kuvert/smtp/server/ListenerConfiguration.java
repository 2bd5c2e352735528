package dev.kuvert.smtp.server;

import java.util.Optional;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPConfiguration;

/** James's per-listener settings. Relaying is never allowed by address: only AUTH grants it. */
final class ListenerConfiguration implements SMTPConfiguration {
    private final String hostname;
    private final long maxMessageSize;
    private final Listener listener;

    ListenerConfiguration(String hostname, long maxMessageSize, Listener listener) {
        this.hostname = hostname;
        this.maxMessageSize = maxMessageSize;
        this.listener = listener;
    }

    @Override
    public String getHelloName() {
        return hostname;
    }

    @Override
    public String getGreeting() {
        return hostname + " ESMTP Kuvert ready";
    }

    @Override
    public String getSoftwareName() {
        return "Kuvert";
    }

    @Override
    public long getMaxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public boolean isRelayingAllowed(String remoteIP) {
        return false;
    }

    /** AUTH is announced (EHLO) on the submission listeners once TLS is on, never on MX. */
    @Override
    public boolean isAuthAnnounced(String remoteIP, boolean tlsStarted) {
        return listener.submission() && tlsStarted;
    }

    @Override
    public boolean useHeloEhloEnforcement() {
        return true;
    }

    @Override
    public boolean useAddressBracketsEnforcement() {
        return true;
    }

    @Override
    public boolean isPlainAuthEnabled() {
        return true;
    }

    @Override
    public Optional<OidcSASLConfiguration> saslConfiguration() {
        return Optional.empty();
    }
}

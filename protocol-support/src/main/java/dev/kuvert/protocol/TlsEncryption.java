package dev.kuvert.protocol;

import dev.kuvert.support.tls.TlsCredentials;
import org.apache.james.protocols.api.ClientAuth;
import org.apache.james.protocols.netty.Encryption;

/** James {@link Encryption}s from Kuvert's TLS material: TLS 1.2 and 1.3 only. */
public final class TlsEncryption {
    private static final String[] PROTOCOLS = TlsCredentials.PROTOCOLS.toArray(String[]::new);

    private TlsEncryption() {}

    public static Encryption startTls(TlsCredentials tls) {
        return Encryption.createStartTls(tls.serverContext(), null, PROTOCOLS, ClientAuth.NONE);
    }

    public static Encryption implicitTls(TlsCredentials tls) {
        return Encryption.createTls(tls.serverContext(), null, PROTOCOLS, ClientAuth.NONE);
    }
}

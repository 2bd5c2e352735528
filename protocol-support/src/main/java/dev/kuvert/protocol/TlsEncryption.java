package dev.kuvert.protocol;

import dev.kuvert.support.tls.TlsMaterial;
import org.apache.james.protocols.api.ClientAuth;
import org.apache.james.protocols.netty.Encryption;

/** James {@link Encryption}s from Kuvert's TLS material: TLS 1.2 and 1.3 only. */
public final class TlsEncryption {
    private TlsEncryption() {}

    public static Encryption startTls(TlsMaterial tls) {
        return Encryption.createStartTls(tls.serverContext(), null, TlsMaterial.PROTOCOLS, ClientAuth.NONE);
    }

    public static Encryption implicitTls(TlsMaterial tls) {
        return Encryption.createTls(tls.serverContext(), null, TlsMaterial.PROTOCOLS, ClientAuth.NONE);
    }
}

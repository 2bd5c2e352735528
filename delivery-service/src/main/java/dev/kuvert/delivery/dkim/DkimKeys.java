package dev.kuvert.delivery.dkim;

import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.contracts.directory.DkimKey;
import dev.kuvert.delivery.directory.DomainAnswers;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The signing keys of our domains, from the directory ({@code GET /internal/v1/dkim-keys/{domain}}),
 * kept for a few minutes; a domain that is not ours (404) has none.
 */
public final class DkimKeys {
    private final DomainAnswers<DkimSigner.Key> keys;

    public DkimKeys(DirectoryInternalClient directory, Clock clock, Duration keepFor) {
        this.keys = new DomainAnswers<>("the DKIM key", name -> Optional.ofNullable(directory.dkimKey(name)).flatMap(DkimKeys::usable),
                clock, keepFor);
    }

    /**
     * The key of {@code domain}, empty when it is not one of ours or has no usable rsa-sha256 key.
     *
     * @throws DomainAnswers.Unavailable when the directory cannot say now
     */
    public Optional<DkimSigner.Key> forDomain(String domain) {
        return keys.get(domain);
    }

    private static Optional<DkimSigner.Key> usable(DkimKey key) {
        if (key.privateKeyPem() == null || (key.algorithm() != null && !key.algorithm().equalsIgnoreCase("rsa-sha256"))) {
            return Optional.empty();
        }
        return Optional.of(new DkimSigner.Key(key.domain().toLowerCase(Locale.ROOT), key.selector(), privateKey(key.privateKeyPem())));
    }

    /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    static PrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the DKIM key is not a PKCS#8 RSA key: " + e.getMessage(), e);
        }
    }
}

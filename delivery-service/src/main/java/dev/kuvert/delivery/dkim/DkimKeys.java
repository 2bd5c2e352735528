package dev.kuvert.delivery.dkim;

import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.contracts.directory.DkimKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * The signing keys of our domains, from the directory ({@code GET /internal/v1/dkim-keys/{domain}}),
 * kept for a few minutes; a domain that is not ours (404) has none.
 */
public final class DkimKeys {
    private final DirectoryInternalClient directory;
    private final Clock clock;
    private final Duration keepFor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public DkimKeys(DirectoryInternalClient directory, Clock clock, Duration keepFor) {
        this.directory = directory;
        this.clock = clock;
        this.keepFor = keepFor;
    }

    private record Cached(Optional<DkimSigner.Key> key, Instant until) {}

    /** Thrown when the directory cannot say now. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The key of {@code domain}, empty when it is not one of ours or has no usable rsa-sha256 key. */
    public Optional<DkimSigner.Key> forDomain(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Cached cached = cache.get(name);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.key();
        }
        Optional<DkimSigner.Key> key;
        try {
            key = Optional.ofNullable(directory.dkimKey(name)).flatMap(DkimKeys::usable);
        } catch (HttpClientErrorException e) {
            if (!e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw new Unavailable("the directory refused the DKIM key of " + name + ": " + e.getStatusCode(), e);
            }
            key = Optional.empty();
        } catch (RestClientException e) {
            throw new Unavailable("the directory is not available for the DKIM key of " + name, e);
        }
        cache.put(name, new Cached(key, now.plus(keepFor)));
        return key;
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

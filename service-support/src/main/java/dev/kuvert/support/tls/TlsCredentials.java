package dev.kuvert.support.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's TLS identity: a private key and its certificate chain (leaf first).
 *
 * <p>Self-contained (JDK + BouncyCastle only) so that every Kuvert protocol listener can share it:
 * either the operator's PEM files ({@code KUVERT_TLS_CERT}, {@code KUVERT_TLS_KEY}) or a self-signed pair
 * for {@code KUVERT_HOSTNAME}, generated once into {@code $KUVERT_DATA_DIR/tls/} and reused.
 */
public record TlsCredentials(PrivateKey key, List<X509Certificate> chain) {
    /** The only protocol versions the listeners accept. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final String CERT_FILE = "cert.pem";
    static final String KEY_FILE = "key.pem";
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(TlsCredentials.class);

    public TlsCredentials {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
    }

    /**
     * The configured pair when both paths are given, else the generated one in {@code dataDir/tls}.
     *
     * @throws IllegalArgumentException when only one of the two files is configured or they cannot be read
     */
    public static TlsCredentials resolve(String certPem, String keyPem, Path dataDir, String hostname) {
        boolean cert = certPem != null && !certPem.isBlank();
        boolean key = keyPem != null && !keyPem.isBlank();
        if (cert != key) {
            throw new IllegalArgumentException("set both KUVERT_TLS_CERT and KUVERT_TLS_KEY, or neither");
        }
        if (cert) {
            return load(Path.of(certPem.strip()), Path.of(keyPem.strip()));
        }
        return loadOrGenerate(dataDir.resolve("tls"), hostname, Clock.systemUTC());
    }

    public static TlsCredentials load(Path certPem, Path keyPem) {
        try {
            return new TlsCredentials(PemFiles.readPrivateKey(keyPem), PemFiles.readCertificates(certPem));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the TLS pair " + certPem + " / " + keyPem + ": " + e.getMessage(), e);
        }
    }

    /** Reuses {@code dir/cert.pem} + {@code dir/key.pem} while they are for {@code hostname} and not about to expire. */
    public static TlsCredentials loadOrGenerate(Path dir, String hostname, Clock clock) {
        try {
            Files.createDirectories(dir);
            // services starting together must agree on one pair: generate under an exclusive file lock
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.lock()) {
                return loadOrGenerateLocked(dir, hostname, clock);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the TLS directory " + dir, e);
        }
    }

    private static TlsCredentials loadOrGenerateLocked(Path dir, String hostname, Clock clock) {
        Path certFile = dir.resolve(CERT_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            try {
                TlsCredentials existing = load(certFile, keyFile);
                if (existing.isUsableFor(hostname, clock)) {
                    return existing;
                }
                log.info("The generated certificate in {} is not for {} or expires soon; generating a new one", dir, hostname);
            } catch (IllegalArgumentException unreadable) {
                log.warn("Replacing the unreadable generated TLS pair in {}: {}", dir, unreadable.getMessage());
            }
        }
        TlsCredentials generated = SelfSignedCertificate.generate(hostname, clock);
        try {
            PemFiles.write(generated, certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated TLS pair to " + dir, e);
        }
        log.info("Generated a self-signed certificate for {} in {}", hostname, dir);
        return generated;
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    boolean isUsableFor(String hostname, Clock clock) {
        X509Certificate leaf = certificate();
        if (leaf.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE))) {
            return false;
        }
        try {
            var names = leaf.getSubjectAlternativeNames();
            return names != null && names.stream()
                    .anyMatch(name -> name.size() == 2 && Integer.valueOf(2).equals(name.get(0))
                            && hostname.toLowerCase(Locale.ROOT).equals(String.valueOf(name.get(1)).toLowerCase(Locale.ROOT)));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** A server-side context with this identity; restrict the protocols with {@link #PROTOCOLS} on each engine. */
    public SSLContext serverContext() {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }
}

package dev.kuvert.support.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS key and certificate: the PEM files named by {@code KUVERT_TLS_CERT} and
 * {@code KUVERT_TLS_KEY}, or else a self-signed pair for {@code KUVERT_HOSTNAME} that the first
 * service to start generates into {@code $KUVERT_DATA_DIR/tls/} (under a file lock, so services
 * starting together agree on one pair). Servers built on it speak TLS 1.2 and 1.3 only.
 */
public final class TlsMaterial {
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String CERT_FILE = "cert.pem";
    static final String KEY_FILE = "key.pem";
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(3650);
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private TlsMaterial(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /** The configured PEM pair when both paths are given, else the generated one under {@code dataDir/tls}. */
    public static TlsMaterial load(String certPem, String keyPem, Path dataDir, String hostname) {
        try {
            if (certPem != null && !certPem.isBlank() && keyPem != null && !keyPem.isBlank()) {
                return read(Path.of(certPem), Path.of(keyPem));
            }
            return selfSigned(dataDir.resolve("tls"), hostname);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the TLS key and certificate", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot load the TLS key and certificate", e);
        }
    }

    public SSLContext serverContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", key, password, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }

    private static TlsMaterial selfSigned(Path dir, String hostname)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Files.createDirectories(dir);
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            if (!Files.exists(cert) || !Files.exists(key)) {
                generate(cert, key, hostname);
            }
        }
        return read(cert, key);
    }

    private static void generate(Path certFile, Path keyFile, String hostname)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + hostname);
        var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(SELF_SIGNED_VALIDITY)), subject, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
        writePem(keyFile, pair.getPrivate(), true);
        writePem(certFile, certificate, false);
    }

    private static void writePem(Path file, Object object, boolean secret) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        try (Writer out = Files.newBufferedWriter(temp); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static TlsMaterial read(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        var converter = new JcaX509CertificateConverter();
        try (Reader in = Files.newBufferedReader(certFile); PEMParser parser = new PEMParser(in)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certFile);
        }
        PrivateKey key;
        try (Reader in = Files.newBufferedReader(keyFile); PEMParser parser = new PEMParser(in)) {
            Object object = parser.readObject();
            var keys = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                key = keys.getPrivateKey(pair.getPrivateKeyInfo());
            } else if (object instanceof PrivateKeyInfo info) {
                key = keys.getPrivateKey(info);
            } else {
                throw new GeneralSecurityException("no unencrypted private key in " + keyFile);
            }
        }
        return new TlsMaterial(chain, key);
    }
}

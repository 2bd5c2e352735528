package dev.kuvert.mailbox.dkim;

import dev.kuvert.contracts.directory.DkimKey;
import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.support.PlatformSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One RSA-2048 DKIM key pair per domain. The private key is stored encrypted with AES-256-GCM under
 * a key derived from the platform secret, with the domain id as associated data so that a key row
 * copied to another domain does not decrypt.
 */
@Component
public class DkimKeys {
    static final String ALGORITHM = "rsa-sha256";
    private static final int NONCE_BYTES = 12;
    private final JdbcClient jdbc;
    private final SecretKey encryptionKey;
    private final String selector;
    private final SecureRandom random = new SecureRandom();

    DkimKeys(JdbcClient jdbc, PlatformSecret secret, MailboxProperties properties) {
        this.jdbc = jdbc;
        this.encryptionKey = new SecretKeySpec(secret.derive("dkim-private-keys"), "AES");
        this.selector = properties.dkimSelector();
    }

    /** Generates and stores a key pair for a new domain. */
    public void createFor(long domainId) {
        KeyPair pair = generate();
        jdbc.sql("INSERT INTO dkim_keys (domain_id, selector, algorithm, public_key, private_key, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(domainId, selector, ALGORITHM,
                        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                        encrypt(pair.getPrivate().getEncoded(), domainId),
                        Timestamp.from(Instant.now()))
                .update();
    }

    public Optional<PublicKeyRecord> publicKey(long domainId) {
        return jdbc.sql("SELECT selector, algorithm, public_key FROM dkim_keys WHERE domain_id = ?")
                .param(domainId)
                .query((rs, n) -> new PublicKeyRecord(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    public Optional<DkimKey> signingKey(long domainId, String domainName) {
        return jdbc.sql("SELECT selector, algorithm, public_key, private_key FROM dkim_keys WHERE domain_id = ?")
                .param(domainId)
                .query((rs, n) -> new DkimKey(domainName, rs.getString(1), rs.getString(2),
                        pem(decrypt(rs.getBytes(4), domainId)), rs.getString(3)))
                .optional();
    }

    /** What a domain publishes at {@code <selector>._domainkey}. */
    public record PublicKeyRecord(String selector, String algorithm, String publicKeyBase64) {
        public String txtValue() {
            return "v=DKIM1; k=rsa; p=" + publicKeyBase64;
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    private byte[] encrypt(byte[] plain, long domainId) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(associatedData(domainId));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the DKIM key", e);
        }
    }

    private byte[] decrypt(byte[] stored, long domainId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(domainId));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the DKIM key: was the platform secret changed?", e);
        }
    }

    private static byte[] associatedData(long domainId) {
        return ("dkim-key/" + domainId).getBytes(StandardCharsets.US_ASCII);
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}

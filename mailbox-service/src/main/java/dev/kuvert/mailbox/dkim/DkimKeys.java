package dev.kuvert.mailbox.dkim;

import dev.kuvert.contracts.directory.DkimKey;
import dev.kuvert.mailbox.MailboxProperties;
import dev.kuvert.mailbox.secrets.SecretBox;
import dev.kuvert.support.PlatformSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One RSA-2048 DKIM key pair per domain. The private key is stored encrypted in a {@link SecretBox}, with
 * the domain id as associated data so that a key row copied to another domain does not decrypt.
 */
@Component
public class DkimKeys {
    static final String ALGORITHM = "rsa-sha256";
    private final JdbcClient jdbc;
    private final SecretBox privateKeys;
    private final String selector;

    DkimKeys(JdbcClient jdbc, PlatformSecret secret, MailboxProperties properties) {
        this.jdbc = jdbc;
        this.privateKeys = new SecretBox(secret, "dkim-private-keys");
        this.selector = properties.dkimSelector();
    }

    /** Generates and stores a key pair for a new domain. */
    public void createFor(long domainId) {
        KeyPair pair = generate();
        jdbc.sql("INSERT INTO dkim_keys (domain_id, selector, algorithm, public_key, private_key, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(domainId, selector, ALGORITHM,
                        Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                        privateKeys.seal(pair.getPrivate().getEncoded(), associatedData(domainId)),
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
                        pem(privateKeys.open(rs.getBytes(4), associatedData(domainId))), rs.getString(3)))
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

    private static String associatedData(long domainId) {
        return "dkim-key/" + domainId;
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }
}

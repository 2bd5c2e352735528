package dev.kuvert.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform secret: from {@code KUVERT_SECRET}, else from {@code $KUVERT_DATA_DIR/secret} (the
 * launcher creates it once; a service run alone creates it the same way). Every other secret is
 * derived from it with HMAC-SHA256 and a purpose label, so the services agree without sharing more.
 */
public final class PlatformSecret {
    static final String FILE_NAME = "secret";
    private final byte[] secret;
    /** Checked on every internal call: derived once. */
    private final String serviceCredential;

    private PlatformSecret(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the platform secret must hold at least 16 bytes");
        }
        this.secret = secret.clone();
        this.serviceCredential = Base64.getUrlEncoder().withoutPadding().encodeToString(derive("service-credential"));
    }

    public static PlatformSecret of(String value) {
        return new PlatformSecret(value.strip().getBytes(StandardCharsets.UTF_8));
    }

    public static PlatformSecret resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return of(configured);
        }
        return of(readOrCreate(dataDir.resolve(FILE_NAME)));
    }

    /** 32 bytes bound to {@code purpose}; the same purpose always gives the same key. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("kuvert/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The credential services present to each other's internal endpoints. */
    public String serviceCredential() {
        return serviceCredential;
    }

    public boolean isServiceCredential(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                serviceCredential.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String value = Base64.getEncoder().encodeToString(random);
            Path temp = Files.createTempFile(file.getParent(), ".secret", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, value + "\n");
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temp);
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the platform secret " + file, e);
        }
    }
}

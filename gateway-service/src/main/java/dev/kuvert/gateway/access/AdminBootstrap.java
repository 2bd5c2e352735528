package dev.kuvert.gateway.access;

import dev.kuvert.gateway.GatewayProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure the super-administrator of {@code KUVERT_ADMIN_USER} exists. Its password is
 * {@code KUVERT_ADMIN_PASSWORD}; without one, the password kept in {@code $KUVERT_DATA_DIR/admin-password}
 * (generated and printed once on the very first start).
 */
@Component
class AdminBootstrap implements ApplicationRunner {
    static final String PASSWORD_FILE = "admin-password";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private final AccessService access;
    private final GatewayProperties properties;

    AdminBootstrap(AccessService access, GatewayProperties properties) {
        this.access = access;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        String password = properties.adminPassword();
        if (password == null || password.isBlank()) {
            password = storedOrGeneratedPassword(properties.dataDir().resolve(PASSWORD_FILE));
        }
        if (access.ensureSuperAdmin(properties.adminUser(), password)) {
            log.info("Created the super-administrator '{}'", properties.adminUser());
        }
    }

    private static String storedOrGeneratedPassword(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        var random = new SecureRandom();
        var password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".admin-password", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, password + "\n");
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        log.warn("Generated the administrator password (shown once; also in {}): {}", file, password);
        return password.toString();
    }
}

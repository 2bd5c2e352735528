package dev.kuvert.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The platform secret and the generated administrator password: created once, readable only by their
 * owner (mode 600), reused on every later start.
 */
final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";

    /** A value read from, or written now to, a file. */
    record Secret(String value, boolean createdNow) {}

    private SecretFiles() {}

    /** 32 random bytes, base64. */
    static Secret platformSecret(Path file) throws IOException {
        return readOrCreate(file, () -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        });
    }

    /** Four groups of five letters and digits joined by '-': upper and lower case, a digit and a symbol. */
    static Secret adminPassword(Path file) throws IOException {
        return readOrCreate(file, SecretFiles::generatePassword);
    }

    static String generatePassword() {
        String alphabet = UPPER + LOWER + DIGITS;
        StringBuilder password = new StringBuilder();
        for (int group = 0; group < 4; group++) {
            if (group > 0) {
                password.append('-');
            }
            for (int i = 0; i < 5; i++) {
                password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
        }
        // make sure of every character class, whatever the dice said
        password.setCharAt(0, UPPER.charAt(RANDOM.nextInt(UPPER.length())));
        password.setCharAt(1, LOWER.charAt(RANDOM.nextInt(LOWER.length())));
        password.setCharAt(2, DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
        return password.toString();
    }

    private static Secret readOrCreate(Path file, java.util.function.Supplier<String> generator) throws IOException {
        if (Files.exists(file)) {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IOException(file + " is empty; delete it to have a new value generated");
            }
            return new Secret(value, false);
        }
        Files.createDirectories(file.getParent());
        String value = generator.get();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file, generator);
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        return new Secret(value, true);
    }
}

package dev.kuvert.delivery.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * DKIM signing (RFC 6376) with rsa-sha256 and relaxed/relaxed canonicalization: the body hash over the
 * relaxed body (§3.4.4), then the signature over the relaxed signed header fields and the
 * DKIM-Signature field itself with an empty {@code b=} (§3.7). The message must have CRLF line ends
 * (what goes on the wire).
 */
public final class DkimSigner {
    /** What is signed when present: the originator, recipients, subject, identity and MIME structure. */
    static final List<String> SIGNED_FIELDS =
            List.of("From", "To", "Cc", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type");
    private static final int LINE = 76;

    private DkimSigner() {}

    /** A signing key of a domain. */
    public record Key(String domain, String selector, PrivateKey privateKey) {}

    /** Reads the whole message and answers the {@code DKIM-Signature} field to put in front of it, ending in CRLF. */
    public static String sign(InputStream message, Key key, Instant now) throws IOException {
        HeaderSection headers = HeaderSection.read(message);
        String bodyHash = Base64.getEncoder().encodeToString(relaxedBodyHash(message));
        List<HeaderSection.Field> signed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : SIGNED_FIELDS) {
            List<HeaderSection.Field> present = headers.all(name);
            // several instances are signed from the bottom up (§5.4.2)
            for (int i = present.size() - 1; i >= 0; i--) {
                signed.add(present.get(i));
                names.add(name);
            }
        }
        String head = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector()
                + ";\r\n\tt=" + now.getEpochSecond() + "; h=" + String.join(":", names).toLowerCase(Locale.ROOT) + ";\r\n\tbh="
                + bodyHash + ";\r\n\tb=";
        StringBuilder data = new StringBuilder();
        for (HeaderSection.Field field : signed) {
            data.append(relaxedHeader(field.raw())).append("\r\n");
        }
        data.append(relaxedHeader(head));
        byte[] signature;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(data.toString().getBytes(StandardCharsets.ISO_8859_1));
            signature = rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with the DKIM key of " + key.domain() + ": " + e.getMessage(), e);
        }
        return head + fold(Base64.getEncoder().encodeToString(signature), LINE - 3) + "\r\n";
    }

    /** §3.4.2: the name lower-case, the value unfolded, runs of whitespace as one space, none at either end. No CRLF. */
    static String relaxedHeader(String raw) {
        int colon = raw.indexOf(':');
        String name = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = raw.substring(colon + 1).replace("\r\n", "").replace("\n", "").replace("\r", "");
        value = value.replaceAll("[ \t]+", " ").strip();
        return name + ":" + value;
    }

    /** §3.4.4 over the rest of the stream, hashed with SHA-256 as it is read. */
    static byte[] relaxedBodyHash(InputStream body) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        byte[] crlf = {'\r', '\n'};
        byte[] buffer = new byte[16 * 1024];
        byte[] line = new byte[1024];
        int length = 0;
        boolean space = false;
        int emptyLines = 0;
        boolean partial = false;
        int n;
        while (true) {
            n = body.read(buffer);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    // end of a line: drop the CR before it and any whitespace at its end
                    int end = length;
                    if (end > 0 && line[end - 1] == '\r') {
                        end--;
                    }
                    if (end == 0) {
                        emptyLines++;
                    } else {
                        for (int e = 0; e < emptyLines; e++) {
                            sha256.update(crlf);
                        }
                        emptyLines = 0;
                        sha256.update(line, 0, end);
                        sha256.update(crlf);
                    }
                    length = 0;
                    space = false;
                    partial = false;
                    continue;
                }
                partial = true;
                if (b == ' ' || b == '\t') {
                    space = true;
                    continue;
                }
                if (b == '\r') {
                    // only ever before LF here: whitespace pending before it is trailing and is dropped
                    line = append(line, length++, b);
                    continue;
                }
                if (space) {
                    line = append(line, length++, (byte) ' ');
                    space = false;
                }
                line = append(line, length++, b);
            }
        }
        if (partial && length > 0) {
            for (int e = 0; e < emptyLines; e++) {
                sha256.update(crlf);
            }
            sha256.update(line, 0, length);
            sha256.update(crlf);
        }
        return sha256.digest();
    }

    private static byte[] append(byte[] line, int at, byte b) {
        byte[] target = at < line.length ? line : java.util.Arrays.copyOf(line, line.length * 2);
        target[at] = b;
        return target;
    }

    private static String fold(String value, int width) {
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < value.length(); i += width) {
            if (i > 0) {
                folded.append("\r\n\t");
            }
            folded.append(value, i, Math.min(value.length(), i + width));
        }
        return folded.toString();
    }
}

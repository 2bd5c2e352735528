package dev.kuvert.delivery.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header fields of a message with CRLF line ends, each kept exactly as written (folded lines
 * included, bytes as ISO-8859-1 characters), read up to and including the empty line that ends them.
 */
public record HeaderSection(List<Field> fields) {
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>");
    private static final Pattern ADDR_SPEC = Pattern.compile("([^\\s<>(),;:\"]+@[^\\s<>(),;:\"]+)");

    /** @param raw the whole field, name, colon, value and the folded lines, ending in CRLF */
    public record Field(String name, String raw) {}

    /** Reads the header section; the stream is left at the start of the body. */
    public static HeaderSection read(InputStream in) throws IOException {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = null;
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int total = 0;
        while (true) {
            line.reset();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            total += line.size();
            String text = line.toString(StandardCharsets.ISO_8859_1);
            if (line.size() == 0 || text.equals("\r\n") || text.equals("\n") || total > MAX_HEADER_BYTES) {
                break;
            }
            if ((text.charAt(0) == ' ' || text.charAt(0) == '\t') && current != null) {
                current.append(text);
                continue;
            }
            if (current != null) {
                fields.add(field(current.toString()));
            }
            current = new StringBuilder(text);
            if (b < 0) {
                break;
            }
        }
        if (current != null) {
            fields.add(field(current.toString()));
        }
        return new HeaderSection(List.copyOf(fields));
    }

    private static Field field(String raw) {
        int colon = raw.indexOf(':');
        String name = colon < 0 ? raw.strip() : raw.substring(0, colon).strip();
        return new Field(name, raw.endsWith("\r\n") ? raw : raw.stripTrailing() + "\r\n");
    }

    /** The fields named so, top to bottom. */
    public List<Field> all(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).toList();
    }

    /** The domain of the (first) address in the From field, lower-case. */
    public Optional<String> fromDomain() {
        List<Field> from = all("From");
        if (from.isEmpty()) {
            return Optional.empty();
        }
        String value = from.getFirst().raw();
        value = value.substring(value.indexOf(':') + 1).replace("\r\n", "");
        Matcher angle = ANGLE.matcher(value);
        String address = angle.find() ? angle.group(1) : null;
        if (address == null) {
            Matcher spec = ADDR_SPEC.matcher(value);
            address = spec.find() ? spec.group(1) : null;
        }
        if (address == null || address.lastIndexOf('@') < 0) {
            return Optional.empty();
        }
        return Optional.of(address.substring(address.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT));
    }

    /** The header section as text (for a bounce), fields in order. */
    public String text() {
        StringBuilder all = new StringBuilder();
        fields.forEach(f -> all.append(f.raw()));
        return all.toString();
    }
}

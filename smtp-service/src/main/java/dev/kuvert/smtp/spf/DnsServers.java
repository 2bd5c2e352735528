package dev.kuvert.smtp.spf;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code KUVERT_DNS_SERVERS}: {@code host[:port]} or {@code [v6-address]:port}, comma-separated. */
public final class DnsServers {
    private DnsServers() {}

    public static List<InetSocketAddress> parse(List<String> entries) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String raw : entries) {
            for (String entry : raw.split(",")) {
                String value = entry.strip();
                if (!value.isEmpty()) {
                    servers.add(parseOne(value));
                }
            }
        }
        return List.copyOf(servers);
    }

    static InetSocketAddress parseOne(String value) {
        String host = value;
        int port = 53;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("KUVERT_DNS_SERVERS: unclosed '[' in '" + value + "'");
            }
            host = value.substring(1, end);
            if (end + 1 < value.length()) {
                if (value.charAt(end + 1) != ':') {
                    throw new IllegalArgumentException("KUVERT_DNS_SERVERS: expected ':port' after ']' in '" + value + "'");
                }
                port = port(value.substring(end + 2), value);
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = port(value.substring(value.indexOf(':') + 1), value);
        }
        return new InetSocketAddress(host, port);
    }

    private static int port(String text, String entry) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KUVERT_DNS_SERVERS: bad port in '" + entry + "'");
        }
    }
}

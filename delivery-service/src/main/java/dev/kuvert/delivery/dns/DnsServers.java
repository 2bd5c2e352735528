package dev.kuvert.delivery.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code KUVERT_DNS_SERVERS}: {@code host[:port]} or {@code [v6-address][:port]}, comma-separated; port 53 when absent. */
public final class DnsServers {
    private DnsServers() {}

    public static List<InetSocketAddress> parse(List<String> entries) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            for (String part : raw.split(",")) {
                String entry = part.strip();
                if (!entry.isEmpty()) {
                    servers.add(one(entry));
                }
            }
        }
        return List.copyOf(servers);
    }

    private static InetSocketAddress one(String entry) {
        String host = entry;
        String port = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || (close + 1 < entry.length() && entry.charAt(close + 1) != ':')) {
                throw new IllegalArgumentException("KUVERT_DNS_SERVERS: cannot read '" + entry + "'");
            }
            host = entry.substring(1, close);
            port = close + 1 < entry.length() ? entry.substring(close + 2) : null;
        } else if (entry.chars().filter(c -> c == ':').count() == 1) {
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        int number = 53;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException("KUVERT_DNS_SERVERS: bad port in '" + entry + "'");
            }
        }
        return new InetSocketAddress(host, number);
    }
}

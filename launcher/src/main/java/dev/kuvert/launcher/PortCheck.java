package dev.kuvert.launcher;

import dev.kuvert.contracts.KuvertPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Finds the platform's ports that something else already listens on, before anything is started. */
final class PortCheck {

    /** A port of the platform that is taken. */
    record Conflict(KuvertPort port, int number) {
        String message() {
            return "port " + number + " (" + describe(port) + ") is already in use";
        }
    }

    static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private PortCheck() {}

    static List<Conflict> conflicts(int offset, boolean includeEmbeddedDatabase) {
        List<Conflict> conflicts = new ArrayList<>();
        for (KuvertPort port : KuvertPort.values()) {
            if (port == KuvertPort.EMBEDDED_DATABASE && !includeEmbeddedDatabase) {
                continue;
            }
            int number = port.withOffset(offset);
            if (!isFree(number)) {
                conflicts.add(new Conflict(port, number));
            }
        }
        return conflicts;
    }

    /**
     * The platform's ports inside the kernel's range for outgoing connections' local ports (Linux:
     * {@code net.ipv4.ip_local_port_range}, 32768–60999 by default). Such a port can be taken at any time by
     * an outgoing connection, even by a client connecting to that very port before its service listens
     * (TCP connects a socket to itself then), and the service cannot bind it.
     */
    static List<Integer> inEphemeralRange(int offset, int[] ephemeralRange) {
        return Arrays.stream(KuvertPort.values())
                .map(port -> port.withOffset(offset))
                .filter(number -> number >= ephemeralRange[0] && number <= ephemeralRange[1])
                .sorted()
                .toList();
    }

    /** The kernel's range for outgoing local ports, when this system says (Linux). */
    static Optional<int[]> ephemeralRange() {
        try {
            // not Files.readString: procfs reports a size of 0 and it returned the first byte only
            String[] bounds = Files.readAllLines(EPHEMERAL_RANGE).getFirst().trim().split("\\s+");
            return Optional.of(new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a server could listen on every address at this port now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** E.g. "mailbox-service HTTP", "smtp-service submission (STARTTLS)", "embedded MariaDB". */
    static String describe(KuvertPort port) {
        String protocol = switch (port) {
            case GATEWAY_HTTP, ADMIN_UI_HTTP, MAILBOX_HTTP, DELIVERY_HTTP, SMTP_HTTP -> "HTTP";
            case IMAP -> "IMAP";
            case IMAPS -> "IMAPS";
            case POP3 -> "POP3";
            case POP3S -> "POP3S";
            case SMTP_MX -> "SMTP";
            case SUBMISSION -> "submission";
            case SUBMISSIONS -> "submissions";
            case EMBEDDED_DATABASE -> "";
        };
        return protocol.isEmpty() ? port.owner() : port.owner() + " " + protocol;
    }
}

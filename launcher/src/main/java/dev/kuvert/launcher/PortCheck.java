package dev.kuvert.launcher;

import dev.kuvert.contracts.KuvertPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Finds the platform's ports that something else already listens on, before anything is started. */
final class PortCheck {

    /** A port of the platform that is taken. */
    record Conflict(KuvertPort port, int number) {
        String message() {
            return "port " + number + " (" + describe(port) + ") is already in use";
        }
    }

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

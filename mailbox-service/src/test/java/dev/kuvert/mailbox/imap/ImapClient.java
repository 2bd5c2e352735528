package dev.kuvert.mailbox.imap;

import dev.kuvert.mailbox.LineClient;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;


/** A raw IMAP client for tests: exact bytes in and out, STARTTLS, implicit TLS, tagged commands. */
final class ImapClient extends LineClient {
    private int tag;

    private ImapClient(Socket socket) throws IOException {
        super(socket);
    }

    static ImapClient plain(int port) throws IOException {
        return new ImapClient(plainSocket(port));
    }

    static ImapClient tls(int port) throws Exception {
        return new ImapClient(tlsSocket(port));
    }

    /** Sends a tagged command and returns every line up to and including the tagged completion. */
    List<String> command(String command) throws IOException {
        String t = "a" + (++tag);
        send(t + " " + command + "\r\n");
        return untilTagged(t);
    }

    String lastTag() {
        return "a" + tag;
    }

    String nextTag() {
        return "a" + (++tag);
    }

    List<String> untilTagged(String t) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = line()) != null) {
            lines.add(line);
            if (line.startsWith(t + " ")) {
                return lines;
            }
        }
        lines.add("<closed>");
        return lines;
    }
}

package dev.kuvert.mailbox.pop3;

import dev.kuvert.mailbox.LineClient;
import java.io.IOException;
import java.net.Socket;

/** A raw POP3 client for tests. */
final class Pop3Client extends LineClient {
    private Pop3Client(Socket socket) throws IOException {
        super(socket);
    }

    static Pop3Client plain(int port) throws IOException {
        return new Pop3Client(plainSocket(port));
    }

    static Pop3Client tls(int port) throws Exception {
        return new Pop3Client(tlsSocket(port));
    }

    String command(String line) throws IOException {
        send(line + "\r\n");
        return line();
    }

    /** The lines of a multi-line response up to the terminating ".", still dot-stuffed, joined with CRLF. */
    String multiline() throws IOException {
        var body = new StringBuilder();
        String line;
        while (!".".equals(line = line())) {
            if (line == null) {
                throw new IOException("connection closed inside a multi-line response");
            }
            body.append(line).append("\r\n");
        }
        return body.toString();
    }
}

package dev.kuvert.mailbox.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw IMAP client for tests: exact bytes in and out, STARTTLS, implicit TLS, tagged commands. */
final class ImapClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tag;

    private ImapClient(Socket socket) throws IOException {
        use(socket);
    }

    static ImapClient plain(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return new ImapClient(socket);
    }

    static ImapClient tls(int port) throws Exception {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        return new ImapClient(socket);
    }

    void startTls() throws Exception {
        SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
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

    String line() throws IOException {
        var bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            bytes.write(b);
        }
        if (b == -1 && bytes.size() == 0) {
            return null;
        }
        String line = bytes.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}

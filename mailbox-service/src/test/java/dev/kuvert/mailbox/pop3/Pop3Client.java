package dev.kuvert.mailbox.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw POP3 client for tests: exact bytes in and out, STLS, implicit TLS. */
final class Pop3Client implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Pop3Client(Socket socket) throws IOException {
        use(socket);
    }

    static Pop3Client plain(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return new Pop3Client(socket);
    }

    static Pop3Client tls(int port) throws Exception {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        return new Pop3Client(socket);
    }

    /** Upgrades the connection after {@code +OK} to STLS. */
    void startTls() throws Exception {
        SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    String protocol() {
        return socket instanceof SSLSocket s ? s.getSession().getProtocol() : "none";
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String command(String line) throws IOException {
        send(line + "\r\n");
        return line();
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

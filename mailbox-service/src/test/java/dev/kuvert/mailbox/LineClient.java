package dev.kuvert.mailbox;

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

/**
 * A raw line-protocol client for tests (IMAP, POP3): exact bytes in and out, in clear, over
 * implicit TLS, or upgraded in place (STARTTLS/STLS). It trusts any certificate: the servers under
 * test use a generated self-signed one.
 */
public abstract class LineClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    protected LineClient(Socket socket) throws IOException {
        use(socket);
    }

    protected static Socket plainSocket(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    protected static Socket tlsSocket(int port) throws Exception {
        SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        return socket;
    }

    /** Upgrades the connection to TLS after the server agreed to STARTTLS/STLS. */
    public void startTls() throws Exception {
        SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
    }

    public String protocol() {
        return socket instanceof SSLSocket s ? s.getSession().getProtocol() : "none";
    }

    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line without its line end, or null when the server closed the connection. */
    public String line() throws IOException {
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

    public static SSLContext trustAll() throws Exception {
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

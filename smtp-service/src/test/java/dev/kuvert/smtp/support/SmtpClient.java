package dev.kuvert.smtp.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A raw SMTP client for protocol tests: it sends exactly the bytes it is given and reads replies line by line. */
public final class SmtpClient implements AutoCloseable {
    /** One (possibly multi-line) reply. */
    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        /** The last line, e.g. {@code 550 5.1.1 ...}. */
        public String last() {
            return lines.getLast();
        }

        @Override
        public String toString() {
            return text();
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpClient(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static SmtpClient connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new SmtpClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SmtpClient connectTls(int port) {
        try {
            SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.startHandshake();
            return new SmtpClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SSLContext trustingContext() {
        try {
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
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Upgrades the connection after a {@code 220} to STARTTLS; with {@code protocols} the client offers only those. */
    public SSLSocket startTls(String... protocols) {
        try {
            SSLSocket tls = (SSLSocket) trustingContext().getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.setUseClientMode(true);
            if (protocols.length > 0) {
                tls.setEnabledProtocols(protocols);
            }
            tls.startHandshake();
            use(tls);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    /** Sends the bytes exactly as given. */
    public SmtpClient sendRaw(String data) {
        return sendRaw(data.getBytes(StandardCharsets.ISO_8859_1));
    }

    public SmtpClient sendRaw(byte[] data) {
        try {
            out.write(data);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one command with CRLF and reads its reply. */
    public Reply command(String line) {
        sendRaw(line + "\r\n");
        return reply();
    }

    public Reply reply() {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IllegalStateException("connection closed; got so far: " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), List.copyOf(lines));
            }
        }
    }

    /** Reads one line without its CRLF, or null at the end of the stream. */
    public String readLine() {
        try {
            var line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection (reads end of stream) within the socket timeout. */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Nothing more arrives within {@code millis}. */
    public boolean silentFor(int millis) {
        try {
            socket.setSoTimeout(millis);
            int b = in.read();
            return b < 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(15_000);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    public Reply ehlo() {
        return command("EHLO client.example.org");
    }

    /** EHLO, STARTTLS and EHLO again. */
    public SmtpClient secure() {
        ehlo();
        Reply ready = command("STARTTLS");
        if (ready.code() != 220) {
            throw new IllegalStateException("STARTTLS refused: " + ready);
        }
        startTls();
        ehlo();
        return this;
    }

    public Reply authPlain(String user, String password) {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    /** MAIL, RCPT, DATA, the message (dot-stuffed here), and the final reply. */
    public Reply send(String from, String to, String message) {
        Reply mail = command("MAIL FROM:<" + from + ">");
        if (mail.code() != 250) {
            return mail;
        }
        Reply rcpt = command("RCPT TO:<" + to + ">");
        if (rcpt.code() != 250) {
            return rcpt;
        }
        Reply data = command("DATA");
        if (data.code() != 354) {
            return data;
        }
        StringBuilder stuffed = new StringBuilder();
        for (String line : message.split("\r\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        sendRaw(stuffed + ".\r\n");
        return reply();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

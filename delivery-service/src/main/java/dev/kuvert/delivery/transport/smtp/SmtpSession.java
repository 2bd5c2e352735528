package dev.kuvert.delivery.transport.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP connection to a next hop: reading replies (multi-line, with a timeout per reply), sending
 * commands, EHLO and its extensions, STARTTLS. Not thread-safe: one transaction at a time uses it.
 */
final class SmtpSession implements Closeable {
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;

    private final String hostName;
    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private Map<String, String> extensions = Map.of();
    private String tlsProtocol;
    private boolean broken;
    private long idleSince;

    private SmtpSession(String hostName, InetSocketAddress address, Socket socket) throws IOException {
        this.hostName = hostName;
        this.address = address;
        attach(socket);
    }

    /** Connects; with {@code implicitTls} the TLS handshake comes first (port 465). */
    static SmtpSession connect(String hostName, InetSocketAddress address, Duration connectTimeout, SSLContext implicitTls,
            boolean verifyHost) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) connectTimeout.toMillis());
            socket.setTcpNoDelay(true);
            SmtpSession session = new SmtpSession(hostName, address, socket);
            if (implicitTls != null) {
                session.handshake(implicitTls, verifyHost, connectTimeout);
            }
            return session;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream(), 8192);
        this.out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }

    /** {@code host[address]:port} as Postfix writes it. */
    String remote() {
        return hostName + "[" + address.getAddress().getHostAddress() + "]:" + address.getPort();
    }

    String tlsProtocol() {
        return tlsProtocol;
    }

    boolean has(String extension) {
        return extensions.containsKey(extension);
    }

    /** The parameter of an EHLO keyword ({@code SIZE 1000} → {@code 1000}), empty when none, null when not offered. */
    String parameter(String extension) {
        return extensions.get(extension);
    }

    void send(String command) throws IOException {
        buffer(command);
        out.flush();
    }

    /** Adds a command to the output without sending it yet (PIPELINING). */
    void buffer(String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }

    void flush() throws IOException {
        out.flush();
    }

    OutputStream output() {
        return out;
    }

    /** The next reply, waiting at most {@code timeout} for it. */
    SmtpReply read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        List<String> lines = new ArrayList<>();
        int code;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                broken = true;
                throw new IOException("malformed reply from " + remote() + ": " + clip(line));
            }
            code = Integer.parseInt(line.substring(0, 3));
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                break;
            }
            if (lines.size() > MAX_REPLY_LINES) {
                broken = true;
                throw new IOException("reply from " + remote() + " too long");
            }
        }
        return new SmtpReply(code, List.copyOf(lines));
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    broken = true;
                    throw new EOFException("connection closed by " + remote());
                }
                if (b == '\n') {
                    break;
                }
                if (line.size() < MAX_REPLY_LINE) {
                    line.write(b);
                }
            }
        } catch (SocketTimeoutException e) {
            broken = true;
            throw e;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** EHLO; its extensions are remembered. Falls back to HELO when EHLO is refused (RFC 5321 §3.2). */
    SmtpReply ehlo(String myName, Duration timeout) throws IOException {
        send("EHLO " + myName);
        SmtpReply reply = read(timeout);
        if (reply.code() == 250) {
            Map<String, String> ext = new LinkedHashMap<>();
            for (String line : reply.lines().subList(1, reply.lines().size())) {
                String[] parts = line.strip().split("\\s+", 2);
                if (!parts[0].isEmpty()) {
                    ext.put(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
                }
            }
            extensions = ext;
            return reply;
        }
        if (reply.permanentFailure() && reply.code() != 554) {
            send("HELO " + myName);
            SmtpReply helo = read(timeout);
            extensions = Map.of();
            return helo;
        }
        return reply;
    }

    /** STARTTLS (RFC 3207): after 220 the handshake; the caller says EHLO again. */
    SmtpReply startTls(SSLContext context, boolean verifyHost, Duration timeout) throws IOException {
        send("STARTTLS");
        SmtpReply reply = read(timeout);
        if (reply.code() == 220) {
            if (in.available() > 0) {
                // bytes sent before the handshake would be taken as protected (CVE-2011-0411): refuse them
                broken = true;
                throw new IOException(remote() + " sent data ahead of the TLS handshake");
            }
            handshake(context, verifyHost, timeout);
            extensions = Map.of();
        }
        return reply;
    }

    private void handshake(SSLContext context, boolean verifyHost, Duration timeout) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(
                socket, hostName, address.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (hostName.indexOf('.') > 0 && !Character.isDigit(hostName.charAt(hostName.length() - 1))) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(hostName)));
            } catch (IllegalArgumentException notAName) {
                // no SNI then
            }
        }
        if (verifyHost) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout((int) timeout.toMillis());
        tls.startHandshake();
        tlsProtocol = tls.getSession().getProtocol();
        attach(tls);
    }

    /** Still fit for another transaction. */
    boolean usable() {
        return !broken && !socket.isClosed();
    }

    void markBroken() {
        broken = true;
    }

    void idleFrom(long nanos) {
        idleSince = nanos;
    }

    long idleSince() {
        return idleSince;
    }

    /** QUIT politely (without waiting long), then close. */
    void quit() {
        if (usable()) {
            try {
                send("QUIT");
                read(Duration.ofSeconds(2));
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        close();
    }

    @Override
    public void close() {
        broken = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}

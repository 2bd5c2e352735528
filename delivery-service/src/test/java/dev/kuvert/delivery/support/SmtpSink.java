package dev.kuvert.delivery.support;

import dev.kuvert.support.tls.TlsCredentials;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A receiving SMTP server on loopback for the SMTP client's tests, written on raw sockets: STARTTLS (or
 * TLS from the first byte), PIPELINING, SIZE, 8BITMIME and AUTH PLAIN/LOGIN as configured, replies to
 * RCPT scripted per recipient and attempt, and every transaction recorded, with the connection it came
 * on, the name that connection's client gave in EHLO and whether that connection ended with QUIT.
 */
public final class SmtpSink implements AutoCloseable {
    /** A message as received (dot-stuffing removed). */
    public record Received(int connection, String mailFrom, String mailParameters, List<String> recipients, byte[] data,
            String tls, String authenticatedAs) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        /** The Message-ID header's value (angle brackets included); null when the message has none. */
        public String messageId() {
            for (String line : text().split("\r\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                    return line.substring(11).strip();
                }
            }
            return null;
        }
    }

    public static final class Options {
        boolean startTls = true;
        boolean implicitTls;
        boolean pipelining = true;
        boolean eightBitMime = true;
        long sizeLimit;
        String user;
        String password;
        java.time.Duration greetingDelay = java.time.Duration.ZERO;
        java.time.Duration acceptDelay = java.time.Duration.ZERO;

        /** Waits this long before the 220 greeting (a slow or hanging server). */
        public Options greetingDelay(java.time.Duration delay) {
            greetingDelay = delay;
            return this;
        }

        /** Waits this long after the end of DATA before it takes the message and answers 250 (a slow server). */
        public Options acceptDelay(java.time.Duration delay) {
            acceptDelay = delay;
            return this;
        }

        public Options startTls(boolean on) {
            startTls = on;
            return this;
        }

        public Options implicitTls() {
            implicitTls = true;
            startTls = false;
            return this;
        }

        public Options pipelining(boolean on) {
            pipelining = on;
            return this;
        }

        public Options eightBitMime(boolean on) {
            eightBitMime = on;
            return this;
        }

        public Options sizeLimit(long bytes) {
            sizeLimit = bytes;
            return this;
        }

        public Options auth(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }
    }

    /** One connection: the name its client gave in EHLO or HELO, and how it ended. */
    private static final class ClientConnection {
        volatile String helo;
        volatile boolean quit;
        volatile boolean ended;
    }

    private static SmtpSink shared;

    private final Options options;
    private final ServerSocket server;
    private final SSLContext tls;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<String>> rcptScripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rcptAttempts = new ConcurrentHashMap<>();
    private final Map<Integer, ClientConnection> clients = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private volatile boolean running = true;
    private volatile String holdingFrom;
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    public SmtpSink(Options options) {
        this.options = options;
        TlsCredentials credentials;
        try {
            credentials = TlsCredentials.loadOrGenerate(java.nio.file.Files.createTempDirectory("smtp-sink-tls"), "mx.sink.test",
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.tls = credentials.serverContext();
        try {
            server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("smtp-sink").start(this::accept);
    }

    public SmtpSink() {
        this(new Options());
    }

    public static synchronized SmtpSink shared() {
        if (shared == null) {
            shared = new SmtpSink();
        }
        return shared;
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** The most connections that were open at the same time. */
    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    /** The replies to RCPT TO for {@code recipient}, attempt by attempt; the last repeats. Default {@code 250 2.1.5 Ok}. */
    public void rcptReplies(String recipient, String... replies) {
        rcptScripts.put(recipient.toLowerCase(Locale.ROOT), List.of(replies));
    }

    public int rcptAttempts(String recipient) {
        AtomicInteger n = rcptAttempts.get(recipient.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    public List<Received> receivedFor(String recipient) {
        synchronized (received) {
            return received.stream().filter(r -> r.recipients().contains(recipient)).toList();
        }
    }

    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /** Every message taken (answered 250 after DATA), in the order taken. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** How many connections from the client that greeted with {@code helo} are still open. */
    public long openConnectionsFrom(String helo) {
        return clients.values().stream().filter(c -> helo.equalsIgnoreCase(c.helo) && !c.ended).count();
    }

    /** The messages taken on connections from the client that greeted with {@code helo}. */
    public List<Received> takenFrom(String helo) {
        return takenOn(c -> helo.equalsIgnoreCase(c.helo));
    }

    /**
     * The messages taken on connections from the client that greeted with {@code helo} that then ended
     * without QUIT: the sink answered 250 to their DATA, but the client may have died before it could
     * note that (RFC 1047), and so may send them again.
     */
    public List<Received> takenOnConnectionsBrokenWithoutQuit(String helo) {
        return takenOn(c -> helo.equalsIgnoreCase(c.helo) && c.ended && !c.quit);
    }

    private List<Received> takenOn(java.util.function.Predicate<ClientConnection> connection) {
        synchronized (received) {
            return received.stream().filter(r -> connection.test(clients.get(r.connection()))).toList();
        }
    }

    private void accept() {
        while (running) {
            try {
                Socket socket = server.accept();
                int id = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket, id));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private final class Conversation {
        Socket socket;
        InputStream in;
        OutputStream out;
        String tlsProtocol;
        String user;

        void attach(Socket s) throws IOException {
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        }

        void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.write(c);
            }
            if (c < 0 && b.size() == 0) {
                return null;
            }
            String s = b.toString(StandardCharsets.ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        void upgrade() throws IOException {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            ssl.startHandshake();
            tlsProtocol = ssl.getSession().getProtocol();
            attach(ssl);
        }
    }

    private void serve(Socket socket, int id) {
        Conversation c = new Conversation();
        ClientConnection client = new ClientConnection();
        clients.put(id, client);
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (socket) {
            if (!options.greetingDelay.isZero()) {
                Thread.sleep(options.greetingDelay);
            }
            c.attach(socket);
            if (options.implicitTls) {
                c.upgrade();
            }
            c.reply("220 mx.sink.test ESMTP test sink");
            String mailFrom = null;
            String parameters = null;
            List<String> rcpts = new ArrayList<>();
            String line;
            while ((line = c.line()) != null) {
                commands.add(line);
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    client.helo = line.substring(4).strip();
                    List<String> ext = new ArrayList<>(List.of("mx.sink.test"));
                    if (options.startTls && c.tlsProtocol == null) {
                        ext.add("STARTTLS");
                    }
                    if (options.pipelining) {
                        ext.add("PIPELINING");
                    }
                    if (options.eightBitMime) {
                        ext.add("8BITMIME");
                    }
                    ext.add(options.sizeLimit > 0 ? "SIZE " + options.sizeLimit : "SIZE");
                    if (options.user != null && c.tlsProtocol != null) {
                        ext.add("AUTH LOGIN PLAIN");
                    }
                    for (int i = 0; i < ext.size(); i++) {
                        c.out.write(("250" + (i == ext.size() - 1 ? " " : "-") + ext.get(i) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    c.out.flush();
                } else if (upper.startsWith("HELO")) {
                    client.helo = line.substring(4).strip();
                    c.reply("250 mx.sink.test");
                } else if (upper.equals("STARTTLS") && options.startTls) {
                    c.reply("220 2.0.0 go ahead");
                    c.upgrade();
                } else if (upper.startsWith("AUTH PLAIN ")) {
                    String[] parts = new String(Base64.getDecoder().decode(line.substring(11).strip()), StandardCharsets.UTF_8).split("\0");
                    authenticate(c, parts.length == 3 ? parts[1] : "", parts.length == 3 ? parts[2] : "");
                } else if (upper.equals("AUTH LOGIN")) {
                    c.reply("334 VXNlcm5hbWU6");
                    String u = new String(Base64.getDecoder().decode(c.line().strip()), StandardCharsets.UTF_8);
                    c.reply("334 UGFzc3dvcmQ6");
                    String p = new String(Base64.getDecoder().decode(c.line().strip()), StandardCharsets.UTF_8);
                    authenticate(c, u, p);
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (options.user != null && c.user == null) {
                        c.reply("530 5.7.0 authentication required");
                        continue;
                    }
                    int close = line.indexOf('>');
                    mailFrom = line.substring(line.indexOf('<') + 1, close);
                    parameters = line.substring(close + 1).strip();
                    rcpts.clear();
                    c.reply("250 2.1.0 Ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    if (mailFrom == null) {
                        c.reply("503 5.5.1 need MAIL first");
                        continue;
                    }
                    String rcpt = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase(Locale.ROOT);
                    int attempt = rcptAttempts.computeIfAbsent(rcpt, r -> new AtomicInteger()).getAndIncrement();
                    List<String> script = rcptScripts.getOrDefault(rcpt, List.of("250 2.1.5 Ok"));
                    String reply = script.get(Math.min(attempt, script.size() - 1));
                    if (reply.startsWith("2")) {
                        rcpts.add(rcpt);
                    }
                    c.reply(reply);
                } else if (upper.equals("DATA")) {
                    if (rcpts.isEmpty()) {
                        c.reply("554 5.5.1 no valid recipients");
                        continue;
                    }
                    c.reply("354 End data with <CR><LF>.<CR><LF>");
                    ByteArrayOutputStream data = new ByteArrayOutputStream();
                    String dataLine;
                    while ((dataLine = c.line()) != null && !dataLine.equals(".")) {
                        String unstuffed = dataLine.startsWith(".") ? dataLine.substring(1) : dataLine;
                        data.write(unstuffed.getBytes(StandardCharsets.ISO_8859_1));
                        data.write('\r');
                        data.write('\n');
                    }
                    if (dataLine == null) {
                        return; // the connection ended before the final dot: no message
                    }
                    if (!options.acceptDelay.isZero()) {
                        Thread.sleep(options.acceptDelay);
                    }
                    if (client.helo != null && client.helo.equalsIgnoreCase(holdingFrom)) {
                        held.incrementAndGet();
                        while (c.line() != null) {
                            // the client waits for the 250 and says nothing until it gives up or dies
                        }
                        return; // never answered: the message was not taken
                    }
                    received.add(new Received(id, mailFrom, parameters, List.copyOf(rcpts), data.toByteArray(), c.tlsProtocol, c.user));
                    mailFrom = null;
                    rcpts.clear();
                    c.reply("250 2.0.0 Ok: queued as T" + received.size());
                } else if (upper.equals("RSET")) {
                    mailFrom = null;
                    rcpts.clear();
                    c.reply("250 2.0.0 Ok");
                } else if (upper.equals("QUIT")) {
                    client.quit = true;
                    c.reply("221 2.0.0 Bye");
                    return;
                } else if (upper.equals("NOOP")) {
                    c.reply("250 2.0.0 Ok");
                } else {
                    c.reply("500 5.5.2 unknown command");
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.ended = true;
            open.decrementAndGet();
        }
    }

    private void authenticate(Conversation c, String user, String password) throws IOException {
        if (c.tlsProtocol != null && user.equals(options.user) && password.equals(options.password)) {
            c.user = user;
            c.reply("235 2.7.0 Authentication successful");
        } else {
            c.reply("535 5.7.8 Authentication credentials invalid");
        }
    }

    /**
     * From now on, messages from the client that greeted with {@code helo} are read to their final dot and then
     * never answered (a receiver that hangs before its 250): the client keeps them in flight until it gives up or
     * dies. They are not taken.
     */
    public void holdMessagesFrom(String helo) {
        holdingFrom = helo;
    }

    /** How many messages are being held by {@link #holdMessagesFrom}. */
    public int held() {
        return held.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}

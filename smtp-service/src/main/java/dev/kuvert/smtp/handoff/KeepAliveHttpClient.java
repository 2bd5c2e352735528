package dev.kuvert.smtp.handoff;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Just enough HTTP/1.1 to POST a fixed-length body to one plain-HTTP endpoint and read a small answer,
 * over kept-alive connections, for a caller on a virtual thread. Why not the JDK's clients: the
 * asynchronous {@code HttpClient} handed each request between its own threads (a sixth of smtp-service's
 * CPU), and {@code HttpURLConnection} probes every pooled connection with a 1 ms timed read that ends in
 * an exception, and parks timed for its read timeout (replacing it cut smtp-service's CPU per message by
 * about a third at load).
 * Here a pooled connection is checked with one non-blocking read, and every wait is untimed: the caller
 * bounds an exchange by {@link Exchange#abort() aborting} it from another thread.
 */
final class KeepAliveHttpClient implements Closeable {
    /** Answers larger than this are cut off (and their connection not reused): ours are a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_IDLE_CONNECTIONS = 64;
    /** Well below any server's keep-alive timeout (Tomcat's is 20 s or more), so a server rarely closes one we still hold. */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(5).toNanos();

    private final String host;
    private final int port;
    /** Request line and every header but Content-Length, checked and encoded once. */
    private final byte[] requestHead;
    private final int connectTimeoutMillis;
    private final Deque<Exchange> idle = new ConcurrentLinkedDeque<>();

    /** @param headers sent with every request; plain ASCII without line breaks */
    KeepAliveHttpClient(URI endpoint, Map<String, String> headers, Duration connectTimeout) {
        if (!"http".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("not a plain http:// URL: " + endpoint);
        }
        this.host = endpoint.getHost();
        this.port = endpoint.getPort() < 0 ? 80 : endpoint.getPort();
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        if (endpoint.getRawQuery() != null) {
            path += "?" + endpoint.getRawQuery();
        }
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n");
        headers.forEach((name, value) -> head.append(header(name, value)));
        this.requestHead = head.toString().getBytes(StandardCharsets.US_ASCII);
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
    }

    /** A status and the answer's bytes. */
    record Answer(int status, byte[] body) {}

    /** Writes a request's body; called once per exchange. */
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A connection for one request, reused from the pool when one is still open, else a new one. */
    Exchange exchange() throws IOException {
        long now = System.nanoTime();
        for (Exchange pooled; (pooled = idle.pollFirst()) != null; ) {
            if (now - pooled.idleSince < MAX_IDLE_NANOS && pooled.stillOpen()) {
                return pooled;
            }
            pooled.abort();
        }
        return new Exchange(open());
    }

    private SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.socket().connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String header(String name, String value) {
        for (char c : (name + value).toCharArray()) {
            if (c < ' ' || c > '~') {
                throw new IllegalArgumentException("header " + name + " has a character HTTP does not allow");
            }
        }
        return name + ": " + value + "\r\n";
    }

    @Override
    public void close() {
        for (Exchange pooled; (pooled = idle.pollFirst()) != null; ) {
            pooled.abort();
        }
    }

    /** One connection; after an answer that allows it, back in the pool. */
    final class Exchange {
        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;
        private final ByteBuffer probe = ByteBuffer.allocate(1);
        private long idleSince;

        private Exchange(SocketChannel channel) {
            this.channel = channel;
            this.in = new BufferedInputStream(Channels.newInputStream(channel), 4096);
            this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
        }

        /** Sends the request and reads the answer. Any failure closes the connection. */
        Answer post(long contentLength, BodyWriter body) throws IOException {
            boolean reusable = false;
            try {
                out.write(requestHead);
                out.write(("Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                CountingOutputStream counted = new CountingOutputStream(out);
                body.writeTo(counted);
                if (counted.count != contentLength) {
                    throw new IOException("the body had " + counted.count + " bytes, not the " + contentLength + " announced");
                }
                out.flush();
                AnswerReader answer = new AnswerReader(in);
                Answer result = answer.read();
                reusable = answer.keepAlive;
                return result;
            } finally {
                if (reusable && idle.size() < MAX_IDLE_CONNECTIONS) {
                    idleSince = System.nanoTime();
                    idle.offerFirst(this);
                } else {
                    abort();
                }
            }
        }

        /** Closes the connection; safe from any thread, and wakes a reader or writer blocked on it. */
        void abort() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        /** False when the server closed a pooled connection (or sent something unasked), seen without waiting. */
        private boolean stillOpen() {
            try {
                channel.configureBlocking(false);
                probe.clear();
                int read = channel.read(probe);
                channel.configureBlocking(true);
                return read == 0;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }

    /** Status line, headers and body of one answer (RFC 9112): content-length, chunked, or up to the close. */
    private static final class AnswerReader {
        private final InputStream in;
        private boolean keepAlive;

        AnswerReader(InputStream in) {
            this.in = in;
        }

        Answer read() throws IOException {
            int status;
            long contentLength;
            boolean chunked;
            do {
                String statusLine = line();
                if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                    throw new IOException("not an HTTP/1.x answer: " + printable(statusLine));
                }
                status = parseStatus(statusLine);
                keepAlive = statusLine.startsWith("HTTP/1.1");
                contentLength = -1;
                chunked = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        throw new IOException("a malformed header: " + printable(header));
                    }
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> contentLength = parseLength(value);
                        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                        case "connection" -> keepAlive = keepAlive && !value.toLowerCase(Locale.ROOT).contains("close");
                        default -> { }
                    }
                }
            } while (status >= 100 && status < 200);
            byte[] body;
            if (chunked) {
                body = chunkedBody();
            } else if (contentLength >= 0) {
                if (contentLength > MAX_ANSWER_BYTES) {
                    keepAlive = false;
                    body = in.readNBytes(MAX_ANSWER_BYTES);
                } else {
                    body = in.readNBytes((int) contentLength);
                    if (body.length < contentLength) {
                        throw new EOFException("the answer ended early");
                    }
                }
            } else {
                keepAlive = false;
                body = in.readNBytes(MAX_ANSWER_BYTES);
            }
            return new Answer(status, body);
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int extension = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("a malformed chunk size: " + printable(sizeLine));
                }
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailer fields: none we need
                    }
                    return body.toByteArray();
                }
                if (size < 0 || body.size() + size > MAX_ANSWER_BYTES) {
                    keepAlive = false;
                    return body.toByteArray();
                }
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length < size) {
                    throw new EOFException("the answer ended inside a chunk");
                }
                body.write(chunk);
                if (!line().isEmpty()) {
                    throw new IOException("a chunk longer than its size");
                }
            }
        }

        /** A line without its CRLF (a bare LF is accepted). */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the connection closed inside an answer");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() == MAX_LINE) {
                    throw new IOException("an answer line longer than " + MAX_LINE + " bytes");
                }
                line.append((char) b);
            }
        }

        private static int parseStatus(String statusLine) throws IOException {
            int status = 0;
            for (int i = 9; i < 12; i++) {
                char c = statusLine.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IOException("not an HTTP status: " + printable(statusLine));
                }
                status = status * 10 + (c - '0');
            }
            return status;
        }

        private static long parseLength(String value) throws IOException {
            try {
                long length = Long.parseLong(value);
                if (length < 0) {
                    throw new NumberFormatException();
                }
                return length;
            } catch (NumberFormatException e) {
                throw new IOException("a malformed content-length: " + printable(value));
            }
        }

        private static String printable(String text) {
            String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
            return cut.replaceAll("[^ -~]", "?");
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}

package dev.kuvert.smtp.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-off's HTTP client against a scripted server that answers each request with the next canned bytes. */
class KeepAliveHttpClientTest {
    private final ScriptedServer server = new ScriptedServer();
    private final KeepAliveHttpClient client = new KeepAliveHttpClient(
            URI.create("http://127.0.0.1:" + server.port() + "/internal/v1/queue"), Map.of("X-Test", "yes"), Duration.ofSeconds(2));

    KeepAliveHttpClientTest() throws IOException {}

    @AfterEach
    void close() throws IOException {
        client.close();
        server.close();
    }

    private KeepAliveHttpClient.Answer post(String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        return client.exchange().post(bytes.length, out -> out.write(bytes));
    }

    @Test
    void sendsAFixedLengthPostAndReusesTheConnection() throws Exception {
        server.answer("HTTP/1.1 201 Created\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}");
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc");
        assertThat(post("hello")).satisfies(a -> {
            assertThat(a.status()).isEqualTo(201);
            assertThat(new String(a.body(), StandardCharsets.US_ASCII)).isEqualTo("{}");
        });
        assertThat(new String(post("again").body(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(server.connections.get()).as("kept alive").isEqualTo(1);
        String first = server.requests.getFirst();
        assertThat(first).startsWith("POST /internal/v1/queue HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                .contains("X-Test: yes\r\n", "Content-Length: 5\r\n").endsWith("\r\n\r\nhello");
    }

    @Test
    void readsAChunkedAnswer() throws Exception {
        server.answer("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nTrailer: x\r\n\r\n");
        server.answer("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        assertThat(new String(post("x").body(), StandardCharsets.US_ASCII)).isEqualTo("{\"a\":1}");
        assertThat(post("y").status()).isEqualTo(204);
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void skipsAnInterimAnswer() throws Exception {
        server.answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
        assertThat(post("x").status()).isEqualTo(503);
    }

    @Test
    void opensANewConnectionAfterConnectionCloseOrWhenTheServerClosedAnIdleOne() throws Exception {
        server.answer("HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        server.answer("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n", true);
        server.answer("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        assertThat(post("1").status()).isEqualTo(201);
        assertThat(post("2").status()).isEqualTo(201);
        server.awaitClosed(2);
        assertThat(post("3").status()).as("the pooled connection the server closed is not used").isEqualTo(201);
        assertThat(server.connections.get()).isEqualTo(3);
    }

    @Test
    void refusesWhatIsNotAnHttpAnswer() throws Exception {
        server.answer("220 mail.example ESMTP\r\n");
        assertThatThrownBy(() -> post("x")).isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x answer");
        server.answer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", true);
        assertThatThrownBy(() -> post("x")).isInstanceOf(java.io.EOFException.class);
    }

    @Test
    void abortWakesAnExchangeWaitingForItsAnswer() throws Exception {
        KeepAliveHttpClient.Exchange exchange = client.exchange();
        Thread.ofVirtual().start(() -> {
            server.awaitRequest();
            exchange.abort();
        });
        assertThatThrownBy(() -> exchange.post(1, out -> out.write('x'))).isInstanceOf(IOException.class);
    }

    @Test
    void aBodyOfAnotherLengthThanAnnouncedIsAnError() {
        assertThatThrownBy(() -> client.exchange().post(5, out -> out.write(new byte[3])))
                .isInstanceOf(IOException.class).hasMessageContaining("not the 5 announced");
    }

    @Test
    void onlyPlainHttpUrlsAndHeadersWithoutLineBreaks() {
        assertThatThrownBy(() -> new KeepAliveHttpClient(URI.create("http://127.0.0.1:1/"), Map.of("X-Bad", "a\r\nInjected: 1"), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeepAliveHttpClient(URI.create("https://127.0.0.1:1/"), Map.of(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads each request (head + Content-Length body) and writes the next scripted answer; may close after it. */
    private static final class ScriptedServer implements AutoCloseable {
        private record Script(String answer, boolean closeAfter) {}

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final LinkedBlockingQueue<Script> answers = new LinkedBlockingQueue<>();
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final LinkedBlockingQueue<Boolean> requestSeen = new LinkedBlockingQueue<>();
        private final LinkedBlockingQueue<Boolean> closed = new LinkedBlockingQueue<>();
        private final AtomicInteger connections = new AtomicInteger();

        ScriptedServer() throws IOException {
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        void answer(String answer) {
            answer(answer, false);
        }

        void answer(String answer, boolean closeAfter) {
            answers.add(new Script(answer, closeAfter));
        }

        void awaitClosed(int count) throws InterruptedException {
            for (int i = 0; i < count; i++) {
                assertThat(closed.poll(5, TimeUnit.SECONDS)).isNotNull();
            }
        }

        void awaitRequest() {
            try {
                requestSeen.poll(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                while (true) {
                    String request = readRequest(in);
                    if (request == null) {
                        return;
                    }
                    requests.add(request);
                    requestSeen.add(true);
                    Script script = answers.poll(10, TimeUnit.SECONDS);
                    if (script == null) {
                        return;
                    }
                    out.write(script.answer().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (script.closeAfter() || script.answer().contains("Connection: close")) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            } finally {
                closed.add(true);
            }
        }

        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                String text = head.toString(StandardCharsets.US_ASCII);
                if (text.endsWith("\r\n\r\n")) {
                    int at = text.indexOf("Content-Length: ");
                    int length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)));
                    return text + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

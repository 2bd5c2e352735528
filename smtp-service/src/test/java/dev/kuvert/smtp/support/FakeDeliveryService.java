package dev.kuvert.smtp.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * delivery-service's hand-off endpoint ({@code POST /internal/v1/queue}) on loopback. It reads the framed
 * body per the contract and answers as told: 201 with a queue id, 503, 413, or (slow) nothing for a while.
 */
public final class FakeDeliveryService implements AutoCloseable {
    public enum Mode { ACCEPT, UNAVAILABLE, TOO_LARGE, SLOW }

    /** One request as delivery-service received it. */
    public record Received(String envelopeJson, byte[] message, String contentType, String credential, String contentLength) {
        public String messageText() {
            return new String(message, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private volatile Mode mode = Mode.ACCEPT;

    public FakeDeliveryService() throws IOException {
        this(0);
    }

    public FakeDeliveryService(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/internal/v1/queue", this::queue);
        server.start();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public List<Received> received() {
        return received;
    }

    public Received last() {
        return received.getLast();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void queue(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (mode == Mode.SLOW) {
                try {
                    releaseSlow.await(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (mode == Mode.UNAVAILABLE) {
                respond(exchange, 503, "{\"status\":503,\"title\":\"Service Unavailable\"}");
                return;
            }
            if (mode == Mode.TOO_LARGE) {
                respond(exchange, 413, "{\"status\":413}");
                return;
            }
            var in = new ByteArrayInputStream(body);
            String envelope = EnvelopeFraming.readEnvelopeLine(in);
            received.add(new Received(envelope, in.readAllBytes(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst(KuvertHeaders.SERVICE_CREDENTIAL),
                    exchange.getRequestHeaders().getFirst("Content-Length")));
            respond(exchange, 201, "{\"queueId\":\"Q" + ids.incrementAndGet() + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        releaseSlow.countDown();
        server.stop(0);
    }
}

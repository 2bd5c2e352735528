package dev.kuvert.smtp.handoff;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.queue.Envelope;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.queue.QueueInternalClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a message with its envelope to delivery-service ({@code POST /internal/v1/queue}, framed by
 * {@link EnvelopeFraming}) and waits, at most {@code timeout}, for its {@code 201}. The body is read from
 * the spool while it is sent, never copied into memory.
 *
 * <p>Blocking HTTP/1.1 over kept-alive connections ({@link KeepAliveHttpClient}) on the session's own
 * virtual thread. A watchdog closes the connection when no answer has come within the timeout, whether
 * the request is still being written (delivery-service stopped reading) or the answer is awaited. Once a
 * 201 has come the message is queued, whatever happens to the rest of the answer.
 */
public final class QueueClient implements AutoCloseable {
    /** A message to send: its length in bytes and a way to read it (possibly more than once). */
    public interface MessageBody {
        long length();

        InputStream open() throws IOException;
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("queue-handoff-watchdog").daemon().factory());

    private final KeepAliveHttpClient http;
    private final Duration timeout;
    private final JsonMapper json;

    public QueueClient(URI deliveryUrl, String credential, Duration timeout, JsonMapper json) {
        this.http = new KeepAliveHttpClient(deliveryUrl.resolve(QueueInternalClient.PATH),
                Map.of("Content-Type", EnvelopeFraming.CONTENT_TYPE, KuvertHeaders.SERVICE_CREDENTIAL, credential),
                Duration.ofMillis(Math.min(timeout.toMillis(), 5000)));
        this.timeout = timeout;
        this.json = json;
    }

    public HandOffResult handOff(Envelope envelope, MessageBody body) {
        byte[] envelopeLine = envelopeLine(envelope);
        KeepAliveHttpClient.Exchange exchange;
        try {
            exchange = http.exchange();
        } catch (IOException e) {
            return new HandOffResult.Failed(e.toString());
        }
        ScheduledFuture<?> cut = WATCHDOG.schedule(exchange::abort, timeout.toMillis(), TimeUnit.MILLISECONDS);
        KeepAliveHttpClient.Answer answer;
        try {
            answer = exchange.post(envelopeLine.length + body.length(), out -> {
                out.write(envelopeLine);
                try (InputStream message = body.open()) {
                    message.transferTo(out);
                }
            });
        } catch (IOException e) {
            return new HandOffResult.Failed(cut.isDone() && !cut.isCancelled() ? "no answer within " + timeout : e.toString());
        } finally {
            cut.cancel(false);
        }
        return switch (answer.status()) {
            case 201 -> queued(new String(answer.body(), StandardCharsets.UTF_8));
            case 413 -> new HandOffResult.Refused(413);
            default -> new HandOffResult.Failed("HTTP " + answer.status());
        };
    }

    @Override
    public void close() {
        http.close();
    }

    /**
     * A 201 means the message is committed, whatever else the body says: answering 451 now would make the
     * client send it again. So an unreadable body still counts as queued, just without an id to report.
     */
    private HandOffResult queued(String body) {
        try {
            JsonNode id = json.readTree(body).get("queueId");
            if (id != null && id.isString() && !id.asString().isBlank()) {
                return new HandOffResult.Queued(id.asString());
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return new HandOffResult.Queued("(unknown)");
    }

    /** The envelope as one JSON line: exactly the record's components, nothing derived from them. */
    byte[] envelopeLine(Envelope envelope) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("mailFrom", envelope.mailFrom());
        fields.put("recipients", envelope.recipients());
        fields.put("clientAddress", envelope.clientAddress());
        fields.put("helo", envelope.helo());
        fields.put("authenticatedAccount", envelope.authenticatedAccount());
        fields.put("port", envelope.port());
        var out = new ByteArrayOutputStream(256);
        try {
            EnvelopeFraming.writeEnvelopeLine(json.writeValueAsString(fields), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

}

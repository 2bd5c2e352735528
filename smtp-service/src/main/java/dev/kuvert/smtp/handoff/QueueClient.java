package dev.kuvert.smtp.handoff;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.queue.Envelope;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.queue.QueueInternalClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a message with its envelope to delivery-service ({@code POST /internal/v1/queue}, framed by
 * {@link EnvelopeFraming}) and waits, at most {@code timeout}, for its {@code 201}. The body is read from
 * the spool while it is sent, never copied into memory.
 */
public final class QueueClient {
    /** A message to send: its length in bytes and a way to read it (possibly more than once). */
    public interface MessageBody {
        long length();

        InputStream open() throws IOException;
    }

    private final URI endpoint;
    private final String credential;
    private final Duration timeout;
    private final JsonMapper json;
    private final HttpClient http;

    public QueueClient(URI deliveryUrl, String credential, Duration timeout, JsonMapper json) {
        this.endpoint = deliveryUrl.resolve(QueueInternalClient.PATH);
        this.credential = credential;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public HandOffResult handOff(Envelope envelope, MessageBody body) {
        byte[] envelopeLine = envelopeLine(envelope);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", EnvelopeFraming.CONTENT_TYPE)
                .header(KuvertHeaders.SERVICE_CREDENTIAL, credential)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> open(envelopeLine, body)),
                        envelopeLine.length + body.length()))
                .build();
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = exchange.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new HandOffResult.Failed("no answer within " + timeout);
        } catch (ExecutionException e) {
            return new HandOffResult.Failed(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new HandOffResult.Failed("interrupted");
        }
        return switch (response.statusCode()) {
            case 201 -> queued(response.body());
            case 413 -> new HandOffResult.Refused(413);
            default -> new HandOffResult.Failed("HTTP " + response.statusCode());
        };
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

    private static InputStream open(byte[] envelopeLine, MessageBody body) {
        try {
            return new SequenceInputStream(new ByteArrayInputStream(envelopeLine), body.open());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

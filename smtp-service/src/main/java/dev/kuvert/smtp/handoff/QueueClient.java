package dev.kuvert.smtp.handoff;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.queue.Envelope;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.queue.QueueInternalClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
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
 * <p>Plain blocking HTTP/1.1 ({@link HttpURLConnection}, whose keep-alive cache reuses connections) on the
 * session's own virtual thread: the JDK's asynchronous {@code HttpClient} spent a sixth of smtp-service's
 * CPU handing each request between its selector and executor threads. A watchdog closes the connection
 * when no status has come within the timeout, whether the request is still being written (delivery-service
 * stopped reading) or the answer is awaited. Once a 201 has come the message is queued, whatever happens
 * to the rest of the answer.
 */
public final class QueueClient {
    /** A message to send: its length in bytes and a way to read it (possibly more than once). */
    public interface MessageBody {
        long length();

        InputStream open() throws IOException;
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("queue-handoff-watchdog").daemon().factory());

    private final URL endpoint;
    private final String credential;
    private final Duration timeout;
    private final int connectTimeoutMillis;
    private final JsonMapper json;

    public QueueClient(URI deliveryUrl, String credential, Duration timeout, JsonMapper json) {
        try {
            this.endpoint = deliveryUrl.resolve(QueueInternalClient.PATH).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a delivery-service URL: " + deliveryUrl, e);
        }
        this.credential = credential;
        this.timeout = timeout;
        this.connectTimeoutMillis = (int) Math.min(timeout.toMillis(), 5000);
        this.json = json;
    }

    public HandOffResult handOff(Envelope envelope, MessageBody body) {
        byte[] envelopeLine = envelopeLine(envelope);
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) endpoint.openConnection(Proxy.NO_PROXY);
            connection.setRequestMethod("POST");
        } catch (IOException e) {
            return new HandOffResult.Failed(e.toString());
        }
        connection.setConnectTimeout(connectTimeoutMillis);
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setUseCaches(false);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(envelopeLine.length + body.length());
        connection.setRequestProperty("Content-Type", EnvelopeFraming.CONTENT_TYPE);
        connection.setRequestProperty(KuvertHeaders.SERVICE_CREDENTIAL, credential);
        int status;
        ScheduledFuture<?> cut = WATCHDOG.schedule(connection::disconnect, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            try (OutputStream out = connection.getOutputStream(); InputStream message = body.open()) {
                out.write(envelopeLine);
                message.transferTo(out);
            }
            status = connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            return new HandOffResult.Failed(cut.isDone() && !cut.isCancelled() ? "no answer within " + timeout : e.toString());
        } finally {
            cut.cancel(false);
        }
        String answer;
        try {
            answer = readAnswer(connection, status);
        } catch (IOException e) {
            connection.disconnect();
            answer = "";
        }
        return switch (status) {
            case 201 -> queued(answer);
            case 413 -> new HandOffResult.Refused(413);
            default -> new HandOffResult.Failed("HTTP " + status);
        };
    }

    /** Reads the answer to its end, which gives the connection back to the keep-alive cache. */
    private static String readAnswer(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
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

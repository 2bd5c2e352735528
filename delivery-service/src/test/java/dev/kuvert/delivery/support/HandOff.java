package dev.kuvert.delivery.support;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.queue.QueueInternalClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What smtp-service does at the end of DATA: POST the envelope line and the message to delivery-service. */
public final class HandOff {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HandOff() {}

    public static String envelope(String mailFrom, String... recipients) {
        String rcpts = Arrays.stream(recipients).map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        return "{\"mailFrom\":\"" + mailFrom + "\",\"recipients\":[" + rcpts + "],\"clientAddress\":\"192.0.2.10\","
                + "\"helo\":\"client.example\",\"authenticatedAccount\":null,\"port\":\"MX\"}";
    }

    /** The envelope of a message an account submitted (port 587). */
    public static String submission(String mailFrom, String account, String... recipients) {
        String rcpts = Arrays.stream(recipients).map(r -> "\"" + r + "\"").collect(Collectors.joining(","));
        return "{\"mailFrom\":\"" + mailFrom + "\",\"recipients\":[" + rcpts + "],\"clientAddress\":\"192.0.2.10\","
                + "\"helo\":\"client.example\",\"authenticatedAccount\":\"" + account + "\",\"port\":\"SUBMISSION\"}";
    }

    /** A message of about {@code size} bytes, CRLF line ends. */
    public static byte[] message(String subject, int size) {
        StringBuilder text = new StringBuilder("From: <sender@example.org>\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "." + System.nanoTime() + "@example.org>\r\n\r\n");
        int line = 0;
        while (text.length() < size) {
            text.append("line ").append(line++).append(" of a test message, with some text to fill it up to size.\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] framed(String envelope, byte[] message) {
        var out = new ByteArrayOutputStream();
        try {
            EnvelopeFraming.writeEnvelopeLine(envelope, out);
            out.write(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static HttpResponse<String> post(int port, String credential, String envelope, byte[] message) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + QueueInternalClient.PATH))
                .timeout(Duration.ofSeconds(60))
                .header(KuvertHeaders.SERVICE_CREDENTIAL, credential)
                .header("Content-Type", EnvelopeFraming.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(framed(envelope, message)))
                .build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The queue id from a 201 answer. */
    public static String queueId(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + ": " + response.body());
        }
        String body = response.body();
        int start = body.indexOf("\"queueId\":\"") + 11;
        return body.substring(start, body.indexOf('"', start));
    }
}

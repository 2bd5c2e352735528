package dev.kuvert.delivery.transport;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.store.Delivered;
import dev.kuvert.contracts.store.LocalDeliveryEndpoint;
import dev.kuvert.delivery.spool.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Delivers to a mailbox of ours through mailbox-service's local delivery endpoint (see
 * {@link LocalDeliveryEndpoint}), streaming the body from the spool. The endpoint stores a queue id
 * once per account, so an attempt repeated after a lost answer never stores the message twice.
 */
final class LocalTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(LocalTransport.class);
    static final String FOLDER = "INBOX";

    private final URI mailboxUrl;
    private final String serviceCredential;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final Duration timeout;
    private final HttpClient http;
    private final String remoteHost;

    LocalTransport(URI mailboxUrl, String serviceCredential, BlobStore blobs, ObjectMapper json, Duration timeout) {
        this.mailboxUrl = mailboxUrl;
        this.serviceCredential = serviceCredential;
        this.blobs = blobs;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .build();
        this.remoteHost = "mailbox-service " + mailboxUrl.getAuthority();
    }

    @Override
    public Outcome deliver(Delivery delivery) {
        if (!blobs.exists(delivery.blobKey())) {
            log.error("The body of {} is missing from the spool ({})", delivery.queueId(), blobs);
            return Outcome.deferred("451 4.3.0 the message body is not in the spool");
        }
        URI uri = UriComponentsBuilder.fromUri(mailboxUrl)
                .path(LocalDeliveryEndpoint.PATH)
                .queryParam("queueId", delivery.queueId())
                .queryParam("folder", FOLDER)
                .buildAndExpand(delivery.recipient())
                .encode()
                .toUri();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header(KuvertHeaders.SERVICE_CREDENTIAL, serviceCredential)
                .header("Content-Type", "message/rfc822")
                .header(LocalDeliveryEndpoint.ENVELOPE_SENDER_HEADER, delivery.sender())
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> open(delivery.blobKey())), delivery.sizeBytes()))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return deferred("451 4.4.2 the mailbox service did not answer in time");
        } catch (IOException | UncheckedIOException e) {
            log.debug("Local delivery of {} to {} failed: {}", delivery.queueId(), delivery.recipient(), e.toString());
            return deferred("451 4.4.1 the mailbox service is not reachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deferred("451 4.3.0 delivery interrupted");
        }
        String tls = response.sslSession().map(s -> s.getProtocol()).orElse(null);
        String rcpt = "<" + delivery.recipient() + ">";
        return switch (response.statusCode()) {
            case 200, 201 -> new Outcome.Delivered(describe(response, rcpt), remoteHost, tls);
            case 404 -> new Outcome.Failed("550 5.1.1 " + rcpt + ": no such mailbox", remoteHost, tls);
            case 507 -> new Outcome.Failed("552 5.2.2 " + rcpt + ": mailbox full", remoteHost, tls);
            case 413 -> new Outcome.Failed("552 5.3.4 " + rcpt + ": message too big for the mailbox", remoteHost, tls);
            case 400, 422 -> new Outcome.Failed("554 5.6.0 " + rcpt + ": the mailbox refused the message", remoteHost, tls);
            default -> new Outcome.Deferred("451 4.3.0 " + rcpt + ": the mailbox service answered " + response.statusCode(), remoteHost, tls);
        };
    }

    private String describe(HttpResponse<byte[]> response, String rcpt) {
        try {
            Delivered delivered = json.readValue(response.body(), Delivered.class);
            return delivered.duplicate()
                    ? "250 2.0.0 " + rcpt + ": already delivered (" + delivered.folder() + ", uid " + delivered.uid() + ")"
                    : "250 2.0.0 " + rcpt + ": delivered to " + delivered.folder() + ", uid " + delivered.uid();
        } catch (JacksonException | IllegalArgumentException e) {
            return "250 2.0.0 " + rcpt + ": delivered";
        }
    }

    private Outcome deferred(String response) {
        return new Outcome.Deferred(response, remoteHost, null);
    }

    private java.io.InputStream open(String key) {
        try {
            return blobs.open(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.kuvert.delivery.transport;

import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.store.DeliveryBatch;
import dev.kuvert.delivery.spool.BlobStore;
import dev.kuvert.support.io.LazyInputStream;
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
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Delivers to mailboxes of ours through mailbox-service's batch endpoint ({@link DeliveryBatch}), streaming the
 * bodies from the spool. Deliveries to one account that arrive while an earlier request to that account is under
 * way wait and go together in the next request, committed in one transaction there: under no load a request
 * carries one message and waits for nothing; under load the batches grow by themselves (group commit). Accounts
 * do not wait for each other. mailbox-service stores a queue id once per account, so a request repeated after a
 * lost answer never stores a message twice.
 */
final class LocalTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(LocalTransport.class);
    static final String FOLDER = "INBOX";
    /** A batch stops growing once its bodies reach this size (a larger message still goes, alone). */
    static final long BATCH_BYTES = 4L * 1024 * 1024;
    /**
     * During an intake burst a mailbox's deliveries go at most this often, all that waited at once: the SMTP
     * clients waiting for their 250 get the CPU first, and the mailbox gets a few large batches instead of many
     * small ones. Mail becomes readable up to this much later during a burst; without one nothing waits.
     */
    static final Duration BURST_HOLD = Duration.ofSeconds(1);
    private static final Duration BURST_RECHECK = Duration.ofMillis(25);

    private final URI mailboxUrl;
    private final String serviceCredential;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final Duration timeout;
    private final HttpClient http;
    private final String remoteHost;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final BooleanSupplier intakeBurst;

    /** @param intakeBurst whether mail is being queued in a burst right now */
    LocalTransport(URI mailboxUrl, String serviceCredential, BlobStore blobs, ObjectMapper json, Duration timeout,
            BooleanSupplier intakeBurst) {
        this.intakeBurst = intakeBurst;
        this.mailboxUrl = mailboxUrl;
        this.serviceCredential = serviceCredential;
        this.blobs = blobs;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.remoteHost = "mailbox-service " + mailboxUrl.getAuthority();
    }

    private record Pending(Delivery delivery, CompletableFuture<Outcome> outcome) {}

    /**
     * The deliveries waiting for one account, and whether a request to it is under way; during a burst, when the
     * lane's last round of requests began and how many of the deliveries of that round are still to go.
     */
    private static final class Lane {
        final Queue<Pending> waiting = new ArrayDeque<>();
        boolean sending;
        long roundStarted = System.nanoTime() - BURST_HOLD.toNanos();
        int roundLeft;
    }

    @Override
    public Outcome deliver(Delivery delivery) {
        if (!blobs.exists(delivery.blobKey())) {
            log.error("The body of {} is missing from the spool ({})", delivery.queueId(), blobs);
            return Outcome.deferred("451 4.3.0 the message body is not in the spool");
        }
        Pending pending = new Pending(delivery, new CompletableFuture<>());
        Lane lane = lanes.computeIfAbsent(delivery.recipient(), account -> new Lane());
        boolean start;
        synchronized (lane) {
            lane.waiting.add(pending);
            start = !lane.sending;
            lane.sending = true;
        }
        if (start) {
            Thread.ofVirtual().name("local-delivery").start(() -> drain(delivery.recipient(), lane));
        }
        try {
            return pending.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deferred("451 4.3.0 delivery interrupted");
        } catch (ExecutionException e) {
            log.warn("Local delivery of {} failed", delivery.queueId(), e.getCause());
            return deferred("451 4.3.0 local delivery failed");
        }
    }

    /** Sends what waits for the account, batch after batch, until nothing does. */
    private void drain(String account, Lane lane) {
        while (true) {
            if (heldForBurst(lane)) {
                try {
                    Thread.sleep(BURST_RECHECK);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // send now: the deliveries must not wait for ever
                }
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            synchronized (lane) {
                long bytes = 0;
                while (!lane.waiting.isEmpty() && batch.size() < DeliveryBatch.MAX_PARTS
                        && (batch.isEmpty() || bytes + lane.waiting.peek().delivery().sizeBytes() <= BATCH_BYTES)) {
                    Pending next = lane.waiting.poll();
                    bytes += next.delivery().sizeBytes();
                    batch.add(next);
                }
                if (batch.isEmpty()) {
                    lane.sending = false;
                    return;
                }
                lane.roundLeft = Math.max(0, lane.roundLeft - batch.size());
            }
            List<Outcome> outcomes;
            try {
                outcomes = send(account, batch.stream().map(Pending::delivery).toList());
            } catch (RuntimeException e) {
                log.warn("Local delivery to {} failed", account, e);
                outcomes = Collections.nCopies(batch.size(), deferred("451 4.3.0 local delivery failed"));
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        }
    }

    /**
     * During a burst a lane waits until {@link #BURST_HOLD} after its last round began, then sends all that waited
     * then, batch after batch, as one round; otherwise, and as soon as the burst is over, it sends at once.
     */
    private boolean heldForBurst(Lane lane) {
        if (Thread.currentThread().isInterrupted() || !intakeBurst.getAsBoolean()) {
            return false;
        }
        synchronized (lane) {
            if (lane.roundLeft > 0 || lane.waiting.isEmpty()) {
                return false;
            }
            long now = System.nanoTime();
            if (now - lane.roundStarted < BURST_HOLD.toNanos()) {
                return true;
            }
            lane.roundStarted = now;
            lane.roundLeft = lane.waiting.size();
            return false;
        }
    }

    private List<Outcome> send(String account, List<Delivery> deliveries) {
        URI uri = UriComponentsBuilder.fromUri(mailboxUrl).path(DeliveryBatch.PATH).buildAndExpand(account).encode().toUri();
        List<byte[]> headers = new ArrayList<>(deliveries.size());
        long length = 0;
        for (Delivery delivery : deliveries) {
            byte[] header = header(delivery);
            headers.add(header);
            length += header.length + delivery.sizeBytes();
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header(KuvertHeaders.SERVICE_CREDENTIAL, serviceCredential)
                .header("Content-Type", DeliveryBatch.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> body(deliveries, headers)), length))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return all(deliveries, deferred("451 4.4.2 the mailbox service did not answer in time"));
        } catch (IOException | UncheckedIOException e) {
            log.debug("Local delivery to {} failed: {}", account, e.toString());
            return all(deliveries, deferred("451 4.4.1 the mailbox service is not reachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return all(deliveries, deferred("451 4.3.0 delivery interrupted"));
        }
        String tls = response.sslSession().map(s -> s.getProtocol()).orElse(null);
        String rcpt = "<" + account + ">";
        return switch (response.statusCode()) {
            case 200 -> outcomes(deliveries, response.body(), rcpt, tls);
            case 404 -> all(deliveries, new Outcome.Failed("550 5.1.1 " + rcpt + ": no such mailbox", remoteHost, tls));
            case 400, 422 -> all(deliveries, new Outcome.Failed("554 5.6.0 " + rcpt + ": the mailbox refused the message", remoteHost, tls));
            default -> all(deliveries,
                    new Outcome.Deferred("451 4.3.0 " + rcpt + ": the mailbox service answered " + response.statusCode(), remoteHost, tls));
        };
    }

    private List<Outcome> outcomes(List<Delivery> deliveries, byte[] body, String rcpt, String tls) {
        DeliveryBatch.Result result;
        try {
            result = json.readValue(body, DeliveryBatch.Result.class);
        } catch (JacksonException | IllegalArgumentException e) {
            result = null;
        }
        if (result == null || result.parts() == null || result.parts().size() != deliveries.size()) {
            // stored or not, nobody can say which: try again, the queue ids keep it from being stored twice
            return all(deliveries, new Outcome.Deferred("451 4.3.0 " + rcpt + ": unreadable answer from the mailbox service", remoteHost, tls));
        }
        return result.parts().stream().map(part -> switch (part.status()) {
            case 201 -> (Outcome) new Outcome.Delivered("250 2.0.0 " + rcpt + ": delivered to " + part.folder() + ", uid " + part.uid(), remoteHost, tls);
            case 200 -> new Outcome.Delivered("250 2.0.0 " + rcpt + ": already delivered (" + part.folder() + ", uid " + part.uid() + ")", remoteHost, tls);
            case 507 -> new Outcome.Failed("552 5.2.2 " + rcpt + ": mailbox full", remoteHost, tls);
            case 413 -> new Outcome.Failed("552 5.3.4 " + rcpt + ": message too big for the mailbox", remoteHost, tls);
            default -> new Outcome.Deferred("451 4.3.0 " + rcpt + ": the mailbox service answered " + part.status(), remoteHost, tls);
        }).toList();
    }

    private byte[] header(Delivery delivery) {
        var out = new ByteArrayOutputStream(160);
        try {
            EnvelopeFraming.writeEnvelopeLine(json.writeValueAsString(
                    new DeliveryBatch.Part(delivery.queueId(), FOLDER, delivery.sender(), delivery.sizeBytes())), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The request body: each header line followed by its message, opened from the spool only when reached. */
    private InputStream body(List<Delivery> deliveries, List<byte[]> headers) {
        List<InputStream> parts = new ArrayList<>(2 * deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            parts.add(new ByteArrayInputStream(headers.get(i)));
            String key = deliveries.get(i).blobKey();
            parts.add(new LazyInputStream(() -> blobs.open(key)));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static List<Outcome> all(List<Delivery> deliveries, Outcome outcome) {
        return Collections.nCopies(deliveries.size(), outcome);
    }

    private Outcome deferred(String response) {
        return new Outcome.Deferred(response, remoteHost, null);
    }
}

package dev.kuvert.delivery.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.directory.DkimKey;
import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.contracts.directory.SenderRelay;
import dev.kuvert.contracts.queue.EnvelopeFraming;
import dev.kuvert.contracts.store.DeliveryBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for mailbox-service on loopback, answering per its contracts: the directory's
 * {@code GET /internal/v1/recipients/{address}}, {@code /dkim-keys/{domain}} and {@code /sender-relays/{domain}}, and the
 * local delivery endpoint ({@link DeliveryBatch}), idempotent per queue id and account. Each account can be told how
 * to behave, attempt by attempt, including failures and a crash after storing.
 */
public final class MailboxStub implements AutoCloseable {
    public enum Behaviour {
        STORE,
        NOT_FOUND,
        FULL,
        FAIL,
        /** Stores the message, then drops the connection without an answer (a crash before replying). */
        CRASH_AFTER_STORE,
        /** Waits until {@link #releaseHeld()}, then stores. */
        HOLD
    }

    /** One delivery request as received. */
    public record Request(String queueId, String account, String sender, String folder, Behaviour behaviour, int bodyLength) {}

    /** A stored message. */
    public record Stored(String queueId, String account, String sender, byte[] body, long uid) {}

    private static MailboxStub shared;

    private final HttpServer server;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<String, RecipientResolution> directory = new ConcurrentHashMap<>();
    private final Map<String, Boolean> directoryDown = new ConcurrentHashMap<>();
    private final Map<String, List<Behaviour>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Stored> stored = new ConcurrentHashMap<>();
    private final Map<String, DkimKey> dkimKeys = new ConcurrentHashMap<>();
    private final Map<String, SenderRelay> senderRelays = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Integer>> batchSizes = new ConcurrentHashMap<>();
    private final AtomicLong uids = new AtomicLong();
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(1);

    private MailboxStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/internal/v1/recipients/", this::resolve);
        server.createContext("/internal/v1/accounts/", this::deliver);
        server.createContext("/internal/v1/dkim-keys/", e -> byDomain(e, "/internal/v1/dkim-keys/", dkimKeys::get));
        server.createContext("/internal/v1/sender-relays/", e -> byDomain(e, "/internal/v1/sender-relays/", senderRelays::get));
        server.start();
    }

    /** One stub for the whole test JVM (tests keep apart by using their own addresses). */
    public static synchronized MailboxStub shared() {
        if (shared == null) {
            shared = new MailboxStub();
        }
        return shared;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void account(String address) {
        directory.put(address, new RecipientResolution(address, RecipientResolution.Kind.ACCOUNT, true, List.of(address), List.of(), false));
    }

    public void alias(String address, List<String> mailboxes, List<String> external) {
        directory.put(address, new RecipientResolution(address, RecipientResolution.Kind.ALIAS, true, mailboxes, external, false));
    }

    public void unknownLocal(String address) {
        directory.put(address, new RecipientResolution(address, RecipientResolution.Kind.UNKNOWN, true, List.of(), List.of(), false));
    }

    /** The directory's DKIM key for {@code key.domain()} (a domain of ours); other domains answer 404. */
    public void dkimKey(DkimKey key) {
        dkimKeys.put(key.domain(), key);
    }

    /** The directory's relay for mail from {@code relay.domain()} (a domain of ours); other domains answer 404. */
    public void senderRelay(SenderRelay relay) {
        senderRelays.put(relay.domain(), relay);
    }

    /** The next {@code times} requests for {@code path} (a directory lookup by domain) answer 503. */
    public void failNext(String path, int times) {
        failures.put(path, new AtomicInteger(times));
    }

    /** Every message stored for {@code account}, in the order stored. */
    public List<Stored> storedFor(String account) {
        return stored.values().stream().filter(s -> s.account().equals(account)).sorted(java.util.Comparator.comparingLong(Stored::uid))
                .toList();
    }

    /** A lookup by domain: what {@code answers} has for it, 404 when nothing. */
    private void byDomain(HttpExchange exchange, String prefix, Function<String, Object> answers) throws IOException {
        try (exchange) {
            if (exchange.getRequestHeaders().getFirst(KuvertHeaders.SERVICE_CREDENTIAL) == null) {
                answer(exchange, 401, "{\"status\":401}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            AtomicInteger failing = failures.get(path);
            if (failing != null && failing.getAndDecrement() > 0) {
                problem(exchange, 503);
                return;
            }
            Object found = answers.apply(path.substring(prefix.length()));
            if (found == null) {
                problem(exchange, 404);
                return;
            }
            answer(exchange, 200, json.writeValueAsString(found));
        }
    }

    public void directoryDown(String address, boolean down) {
        if (down) {
            directoryDown.put(address, true);
        } else {
            directoryDown.remove(address);
        }
    }

    /** How {@code account} answers its 1st, 2nd, … delivery; the last behaviour repeats. Default: STORE. */
    public void behave(String account, Behaviour... script) {
        scripts.put(account, List.of(script));
    }

    public void delay(String account, Duration delay) {
        delays.put(account, delay);
    }

    public int held() {
        return held.get();
    }

    public void releaseHeld() {
        CountDownLatch latch = release;
        release = new CountDownLatch(1);
        latch.countDown();
    }

    public List<Request> requests(String queueId) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.queueId().equals(queueId)).toList();
        }
    }

    /** The number of messages in each request to {@code account}, in order. */
    public List<Integer> batchSizes(String account) {
        return List.copyOf(batchSizes.getOrDefault(account, List.of()));
    }

    public List<Request> requestsTo(String account) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.account().equals(account)).toList();
        }
    }

    public Optional<Stored> stored(String queueId, String account) {
        return Optional.ofNullable(stored.get(queueId + "|" + account));
    }

    private void resolve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestHeaders().getFirst(KuvertHeaders.SERVICE_CREDENTIAL) == null) {
                answer(exchange, 401, "{\"status\":401}");
                return;
            }
            String address = exchange.getRequestURI().getPath().substring("/internal/v1/recipients/".length());
            if (directoryDown.containsKey(address)) {
                answer(exchange, 503, "{\"status\":503}");
                return;
            }
            RecipientResolution resolution = directory.getOrDefault(address,
                    new RecipientResolution(address, RecipientResolution.Kind.UNKNOWN, false, List.of(), List.of(), false));
            answer(exchange, 200, json.writeValueAsString(resolution));
        }
    }

    private void deliver(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!path.endsWith("/deliveries")) {
            problem(exchange, 404);
            return;
        }
        deliverBatch(exchange, path.substring("/internal/v1/accounts/".length(), path.length() - "/deliveries".length()));
    }

    /**
     * The batch endpoint ({@link DeliveryBatch}): the account's script decides per request; NOT_FOUND and FAIL answer
     * for the whole request, FULL for each part.
     */
    private void deliverBatch(HttpExchange exchange, String account) throws IOException {
        List<DeliveryBatch.Part> parts = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        try (InputStream in = exchange.getRequestBody()) {
            PushbackInputStream body = new PushbackInputStream(in, 1);
            for (int b = body.read(); b >= 0; b = body.read()) {
                body.unread(b);
                DeliveryBatch.Part part = json.readValue(EnvelopeFraming.readEnvelopeLine(body), DeliveryBatch.Part.class);
                parts.add(part);
                bodies.add(body.readNBytes((int) part.size()));
            }
        }
        List<Behaviour> script = scripts.getOrDefault(account, List.of(Behaviour.STORE));
        int attempt = attempts.computeIfAbsent(account, a -> new AtomicInteger()).getAndIncrement();
        Behaviour behaviour = script.get(Math.min(attempt, script.size() - 1));
        batchSizes.computeIfAbsent(account, a -> Collections.synchronizedList(new ArrayList<>())).add(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            requests.add(new Request(parts.get(i).queueId(), account, parts.get(i).sender(), parts.get(i).folder(), behaviour, bodies.get(i).length));
        }
        Duration delay = delays.get(account);
        if (delay != null) {
            sleep(delay);
        }
        if (exchange.getRequestHeaders().getFirst(KuvertHeaders.SERVICE_CREDENTIAL) == null) {
            answer(exchange, 401, "{\"status\":401}");
            exchange.close();
            return;
        }
        switch (behaviour) {
            case NOT_FOUND -> problem(exchange, 404);
            case FAIL -> problem(exchange, 503);
            case FULL -> batchAnswer(exchange, account, parts.stream().map(p -> new DeliveryBatch.PartResult(507, null, 0)).toList());
            case CRASH_AFTER_STORE -> {
                storeAll(account, parts, bodies);
                exchange.close();
            }
            case HOLD -> {
                held.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
                batchAnswer(exchange, account, storeAll(account, parts, bodies));
            }
            case STORE -> batchAnswer(exchange, account, storeAll(account, parts, bodies));
        }
    }

    private List<DeliveryBatch.PartResult> storeAll(String account, List<DeliveryBatch.Part> parts, List<byte[]> bodies) {
        List<DeliveryBatch.PartResult> results = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            DeliveryBatch.Part part = parts.get(i);
            boolean fresh = store(part.queueId(), account, part.sender(), bodies.get(i));
            results.add(new DeliveryBatch.PartResult(fresh ? 201 : 200, "INBOX", stored.get(part.queueId() + "|" + account).uid()));
        }
        return results;
    }

    private void batchAnswer(HttpExchange exchange, String account, List<DeliveryBatch.PartResult> results) throws IOException {
        try (exchange) {
            answer(exchange, 200, json.writeValueAsString(new DeliveryBatch.Result(account, results)));
        }
    }

    private boolean store(String queueId, String account, String sender, byte[] body) {
        return stored.putIfAbsent(queueId + "|" + account, new Stored(queueId, account, sender, body, uids.incrementAndGet())) == null;
    }

    private static void problem(HttpExchange exchange, int status) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            byte[] bytes = ("{\"status\":" + status + ",\"title\":\"stub\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

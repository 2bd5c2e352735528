package dev.kuvert.smtp.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kuvert.contracts.KuvertHeaders;
import dev.kuvert.contracts.directory.DirectoryInternalClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * mailbox-service's internal directory endpoints on loopback, answering per the contracts:
 * {@code GET /internal/v1/recipients/{address}} and {@code POST /internal/v1/authenticate}.
 */
public final class FakeMailboxService implements AutoCloseable {
    public static final String CREDENTIAL = "test-service-credential";
    private static final Pattern USERNAME = Pattern.compile("\"username\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PASSWORD = Pattern.compile("\"password\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Account(String address, String password, List<String> sendAs, boolean full) {}

    private final HttpServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> aliases = new ConcurrentHashMap<>();
    private final List<String> localDomains = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger recipientLookups = new AtomicInteger();
    private volatile boolean failing;

    public FakeMailboxService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/internal/v1/recipients/", this::recipient);
        server.createContext("/internal/v1/authenticate", this::authenticate);
        server.start();
    }

    public FakeMailboxService domain(String domain) {
        localDomains.add(domain);
        return this;
    }

    public FakeMailboxService account(String address, String password, String... aliasesItOwns) {
        List<String> sendAs = new java.util.ArrayList<>(List.of(address));
        sendAs.addAll(List.of(aliasesItOwns));
        accounts.put(address, new Account(address, password, List.copyOf(sendAs), false));
        for (String alias : aliasesItOwns) {
            aliases.put(alias, List.of(address));
        }
        return this;
    }

    public FakeMailboxService fullAccount(String address) {
        accounts.put(address, new Account(address, "x", List.of(address), true));
        return this;
    }

    /** Every call answers 500 while failing. */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    public int recipientLookups() {
        return recipientLookups.get();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public DirectoryInternalClient client(Duration timeout) {
        var factory = new JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        RestClient rest = RestClient.builder()
                .baseUrl(url().toString())
                .requestFactory(factory)
                .defaultHeader(KuvertHeaders.SERVICE_CREDENTIAL, CREDENTIAL)
                .build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(DirectoryInternalClient.class);
    }

    private boolean rejected(HttpExchange exchange) throws IOException {
        if (!CREDENTIAL.equals(exchange.getRequestHeaders().getFirst(KuvertHeaders.SERVICE_CREDENTIAL))) {
            respond(exchange, 401, "{\"status\":401}");
            return true;
        }
        if (failing) {
            respond(exchange, 500, "{\"status\":500}");
            return true;
        }
        return false;
    }

    private void recipient(HttpExchange exchange) throws IOException {
        recipientLookups.incrementAndGet();
        if (rejected(exchange)) {
            return;
        }
        String raw = exchange.getRequestURI().getRawPath().substring("/internal/v1/recipients/".length());
        String address = URLDecoder.decode(raw, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
        String domain = address.substring(address.lastIndexOf('@') + 1);
        boolean local = localDomains.contains(domain);
        Account account = accounts.get(address);
        List<String> aliasTargets = aliases.get(address);
        String kind = account != null ? "ACCOUNT" : aliasTargets != null ? "ALIAS" : "UNKNOWN";
        List<String> mailboxes = account != null ? List.of(address) : aliasTargets != null ? aliasTargets : List.of();
        boolean full = account != null && account.full();
        respond(exchange, 200, "{\"address\":\"" + address + "\",\"kind\":\"" + kind + "\",\"localDomain\":" + local
                + ",\"mailboxes\":" + jsonList(mailboxes) + ",\"external\":[],\"overQuota\":" + full + "}");
    }

    private void authenticate(HttpExchange exchange) throws IOException {
        if (rejected(exchange)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String username = field(USERNAME, body);
        String password = field(PASSWORD, body);
        Account account = username == null ? null : accounts.get(username.toLowerCase(java.util.Locale.ROOT));
        if (account == null || !account.password().equals(password)) {
            respond(exchange, 401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}");
            return;
        }
        respond(exchange, 200, "{\"address\":\"" + account.address() + "\",\"sendAs\":" + jsonList(account.sendAs()) + "}");
    }

    private static String field(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

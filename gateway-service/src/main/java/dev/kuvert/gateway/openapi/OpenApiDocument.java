package dev.kuvert.gateway.openapi;

import dev.kuvert.gateway.GatewayProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/openapi.json}: one OpenAPI document for the whole public API, merged from the
 * documents each service generates for its own {@code /api/**} resources. A service that is down
 * is left out until it is back; the merged document is cached for a minute.
 */
@RestController
class OpenApiDocument {
    private static final Logger log = LoggerFactory.getLogger(OpenApiDocument.class);
    private static final Duration CACHE = Duration.ofMinutes(1);
    private final ObjectMapper json;
    private final RestClient http;
    private final List<URI> sources;
    private volatile JsonNode cached;
    private volatile Instant cachedUntil = Instant.MIN;

    OpenApiDocument(ObjectMapper json, GatewayProperties properties) {
        this.json = json;
        var requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(2));
        requestFactory.setReadTimeout(Duration.ofSeconds(5));
        this.http = RestClient.builder().requestFactory(requestFactory).build();
        this.sources = List.of(
                properties.mailboxUrl().resolve("/v3/api-docs"),
                properties.deliveryUrl().resolve("/v3/api-docs"));
    }

    @GetMapping(value = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode document(HttpServletRequest request) {
        if (cached != null && Instant.now().isBefore(cachedUntil)) {
            return cached;
        }
        ObjectNode merged = skeleton();
        boolean complete = true;
        List<URI> all = new ArrayList<>(sources);
        all.addFirst(URI.create("http://127.0.0.1:" + request.getLocalPort() + "/v3/api-docs"));
        for (URI source : all) {
            try {
                JsonNode part = json.readTree(http.get().uri(source).retrieve().body(String.class));
                merge(merged, part);
            } catch (RuntimeException e) {
                complete = false;
                log.warn("OpenAPI document of {} unavailable: {}", source, e.getMessage());
            }
        }
        if (complete) {
            cached = merged;
            cachedUntil = Instant.now().plus(CACHE);
        }
        return merged;
    }

    private ObjectNode skeleton() {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Kuvert API");
        info.put("version", "v1");
        info.put("description", "Domains, accounts, aliases, DNS guidance, API tokens, the queue and the delivery log. "
                + "Authenticate with HTTP Basic (an administrator) or 'Authorization: Bearer <api token>'. "
                + "Errors are application/problem+json (RFC 9457).");
        root.putArray("servers").addObject().put("url", "/");
        root.putObject("paths");
        ObjectNode schemes = root.putObject("components").putObject("securitySchemes");
        schemes.putObject("basic").put("type", "http").put("scheme", "basic");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        root.putArray("security").add(json.createObjectNode().set("basic", json.createArrayNode()))
                .add(json.createObjectNode().set("bearer", json.createArrayNode()));
        return root;
    }

    private static void merge(ObjectNode target, JsonNode part) {
        if (part.has("paths")) {
            ((ObjectNode) target.get("paths")).setAll((ObjectNode) part.get("paths"));
        }
        JsonNode schemas = part.path("components").path("schemas");
        if (schemas.isObject()) {
            ObjectNode components = (ObjectNode) target.get("components");
            ObjectNode targetSchemas = components.has("schemas") ? (ObjectNode) components.get("schemas") : components.putObject("schemas");
            targetSchemas.setAll((ObjectNode) schemas);
        }
    }
}

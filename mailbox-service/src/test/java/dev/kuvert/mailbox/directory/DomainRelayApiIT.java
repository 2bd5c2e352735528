package dev.kuvert.mailbox.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/domains/{name}/relay} and its internal counterpart for delivery-service, over HTTP, against a real MariaDB. */
class DomainRelayApiIT extends DirectoryApiTestBase {
    private static final String SECRET = "relay-Pa55word-in-clear";

    @Autowired
    JdbcClient jdbc;

    private String relayPath() {
        return "/api/v1/domains/" + domain + "/relay";
    }

    private static String relay(String host, int port, String tls, String username, String password) {
        return "{\"host\":\"" + host + "\",\"port\":" + port + (tls == null ? "" : ",\"tls\":\"" + tls + "\"")
                + (username == null ? "" : ",\"username\":\"" + username + "\"")
                + (password == null ? "" : ",\"password\":\"" + password + "\"") + "}";
    }

    @Test
    void aRelayShouldBeSetReplacedShownWithoutItsPasswordAndRemoved() throws Exception {
        assertProblem(call("GET", relayPath(), null), 404);

        var created = call("PUT", relayPath(), relay("smtp.provider.example", 587, null, "apikey", SECRET));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(SECRET);
        JsonNode shown = body(created);
        assertThat(shown.get("domain").asText()).isEqualTo(domain);
        assertThat(shown.get("host").asText()).isEqualTo("smtp.provider.example");
        assertThat(shown.get("port").asInt()).isEqualTo(587);
        assertThat(shown.get("tls").asText()).as("STARTTLS unless the port is 465").isEqualTo("starttls");
        assertThat(shown.get("username").asText()).isEqualTo("apikey");
        assertThat(shown.get("passwordSet").asBoolean()).isTrue();
        assertThat(shown.has("password")).isFalse();

        var got = call("GET", relayPath(), null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).doesNotContain(SECRET);
        assertThat(body(got).get("passwordSet").asBoolean()).isTrue();

        var replaced = call("PUT", relayPath(), relay("SMTP.Other.Example.", 465, null, null, null));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(body(replaced).get("host").asText()).isEqualTo("smtp.other.example");
        assertThat(body(replaced).get("tls").asText()).isEqualTo("implicit");
        assertThat(body(replaced).get("passwordSet").asBoolean()).isFalse();
        assertThat(body(replaced).get("username").isNull()).isTrue();

        assertThat(call("DELETE", relayPath(), null).statusCode()).isEqualTo(204);
        assertProblem(call("GET", relayPath(), null), 404);
        assertProblem(call("DELETE", relayPath(), null), 404);
    }

    @Test
    void invalidSettingsShouldBe422NamingTheFieldAndUnknownFields400() throws Exception {
        assertInvalid(relay("not a host!", 587, null, null, null), "host");
        assertInvalid(relay("", 587, null, null, null), "host");
        assertInvalid(relay("localhost", 587, null, null, null), "host");
        assertInvalid(relay("1.2.3.999", 587, null, null, null), "host");
        assertInvalid(relay("[fe80::1::2]", 587, null, null, null), "host");
        assertInvalid(relay("smtp.provider.example", 0, null, null, null), "port");
        assertInvalid(relay("smtp.provider.example", 65536, null, null, null), "port");
        assertInvalid("{\"host\":\"smtp.provider.example\"}", "port");
        assertInvalid(relay("smtp.provider.example", 587, "ssl", null, null), "tls");
        assertInvalid(relay("smtp.provider.example", 587, null, "apikey", null), "password");
        assertInvalid(relay("smtp.provider.example", 587, null, null, SECRET), "username");
        assertInvalid(relay("smtp.provider.example", 25, "none", "apikey", SECRET), "tls");

        var unknown = call("PUT", relayPath(), "{\"host\":\"smtp.provider.example\",\"port\":587,\"verify\":false}");
        assertProblem(unknown, 400);
        assertThat(body(unknown).get("field").asText()).isEqualTo("verify");
        assertProblem(call("PUT", relayPath(), "{\"host\":"), 400);
        assertProblem(call("GET", relayPath(), null), 404);

        assertThat(call("PUT", relayPath(), relay("192.0.2.25", 25, "none", null, null)).statusCode()).isEqualTo(201);
        var v6 = call("PUT", relayPath(), relay("[2001:DB8::25]", 2525, "starttls", null, null));
        assertThat(v6.statusCode()).isEqualTo(200);
        assertThat(body(v6).get("host").asText()).isEqualTo("2001:db8::25");
    }

    @Test
    void anUnknownDomainOrOneOutsideTheAdministratorsScopeShouldBe404() throws Exception {
        String body = relay("smtp.provider.example", 587, null, null, null);
        assertProblem(call("GET", "/api/v1/domains/nowhere-" + domain + "/relay", null), 404);
        assertProblem(call("PUT", "/api/v1/domains/nowhere-" + domain + "/relay", body), 404);
        assertProblem(call("DELETE", "/api/v1/domains/nowhere-" + domain + "/relay", null), 404);

        assertProblem(asAdminOf("other.test", "PUT", relayPath(), body), 404);
        assertThat(asAdminOf(domain, "PUT", relayPath(), body).statusCode()).isEqualTo(201);
        assertProblem(asAdminOf("other.test", "GET", relayPath(), null), 404);
        assertProblem(asAdminOf("other.test", "DELETE", relayPath(), null), 404);
        assertThat(asAdminOf(domain, "GET", relayPath(), null).statusCode()).isEqualTo(200);
        assertThat(asAdminOf(domain, "DELETE", relayPath(), null).statusCode()).isEqualTo(204);
    }

    @Test
    void thePasswordShouldBeStoredEncryptedAndGivenInClearOnlyToTheServices() throws Exception {
        call("PUT", relayPath(), relay("smtp.provider.example", 465, "implicit", "apikey", SECRET));

        byte[] stored = jdbc.sql("SELECT r.password FROM domain_relays r JOIN domains d ON d.id = r.domain_id WHERE d.name = ?")
                .param(domain).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET).doesNotContain("Pa55word");
        assertThat(stored.length).isGreaterThan(SECRET.length());

        var forDelivery = internal("GET", "/internal/v1/sender-relays/" + domain.toUpperCase(), null);
        assertThat(forDelivery.statusCode()).isEqualTo(200);
        JsonNode relay = body(forDelivery);
        assertThat(relay.get("domain").asText()).isEqualTo(domain);
        assertThat(relay.get("host").asText()).isEqualTo("smtp.provider.example");
        assertThat(relay.get("port").asInt()).isEqualTo(465);
        assertThat(relay.get("tls").asText()).isEqualTo("implicit");
        assertThat(relay.get("username").asText()).isEqualTo("apikey");
        assertThat(relay.get("password").asText()).isEqualTo(SECRET);

        assertThat(send("GET", "/internal/v1/sender-relays/" + domain, null, "forged", null).statusCode()).isEqualTo(401);
        assertProblem(internal("GET", "/internal/v1/sender-relays/elsewhere.example", null), 404);
        call("DELETE", relayPath(), null);
        assertProblem(internal("GET", "/internal/v1/sender-relays/" + domain, null), 404);
    }

    @Test
    void theRelayShouldGoWithItsDomain() throws Exception {
        call("PUT", relayPath(), relay("smtp.provider.example", 587, null, "apikey", SECRET));
        long id = jdbc.sql("SELECT id FROM domains WHERE name = ?").param(domain).query(Long.class).single();

        assertThat(call("DELETE", "/api/v1/domains/" + domain, null).statusCode()).isEqualTo(204);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM domain_relays WHERE domain_id = ?").param(id).query(Long.class).single()).isZero();
        assertProblem(call("GET", relayPath(), null), 404);
    }

    @Test
    void theOpenApiDocumentShouldDescribeTheRelayButNotTheInternalEndpoint() throws Exception {
        var docs = send("GET", "/v3/api-docs", null, null, null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode path = body(docs).get("paths").get("/api/v1/domains/{name}/relay");
        assertThat(path).isNotNull();
        assertThat(path.has("get") && path.has("put") && path.has("delete")).isTrue();
        assertThat(docs.body()).contains("DomainRelayRequest", "passwordSet").doesNotContain("/internal/");
        assertThat(path.get("get").get("parameters").toString()).as("the caller is not a parameter").doesNotContain("caller");
        assertThat(body(docs).findValues("parameters").toString()).as("no endpoint documents the caller").doesNotContain("\"caller\"");
    }

    private void assertInvalid(String body, String field) throws Exception {
        var response = call("PUT", relayPath(), body);
        assertProblem(response, 422);
        assertThat(body(response).get("field").asText()).as(body).isEqualTo(field);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    private HttpResponse<String> asAdminOf(String domains, String method, String path, String body)
            throws IOException, InterruptedException {
        return send(method, path, body, secret.serviceCredential(), domains);
    }
}

package dev.kuvert.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The REST API through the gateway, with an ordinary HTTP client, as the contract describes it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String ALICE = """
            {"address":"alice@example.test","password":"a-Strong-passw0rd!","displayName":"Alice","quotaBytes":1073741824}""";

    private static Platform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startPlatform() {
        platform = Platform.shared();
    }

    @Test
    @Order(1)
    void postDomainShouldCreateIt() throws Exception {
        HttpResponse<String> response = post("/api/v1/domains", "{\"name\":\"example.test\"}", platform.adminAuthorization());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    @Order(2)
    void dnsRecordsShouldListMxSpfDkimAndDmarc() throws Exception {
        HttpResponse<String> response = get("/api/v1/domains/example.test/dns-records", platform.adminAuthorization());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> records = records(json.readTree(response.body()));
        assertThat(records).as(response.body())
                .anySatisfy(record -> assertThat(text(record, "type")).isEqualToIgnoringCase("MX"))
                .anySatisfy(record -> assertThat(text(record, "value")).contains("v=spf1"))
                .anySatisfy(record -> assertThat(text(record, "value")).contains("v=DKIM1").contains("p="))
                .anySatisfy(record -> assertThat(text(record, "value")).contains("v=DMARC1"));
    }

    @Test
    @Order(3)
    void postAccountShouldCreateIt() throws Exception {
        HttpResponse<String> response = post("/api/v1/accounts", ALICE, platform.adminAuthorization());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    @Order(4)
    void postAccountAgainShouldBeAConflictProblem() throws Exception {
        HttpResponse<String> response = post("/api/v1/accounts", ALICE, platform.adminAuthorization());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertProblem(response);
    }

    @Test
    @Order(5)
    void postAccountWithAnInvalidAddressShouldBeUnprocessableAndNameTheField() throws Exception {
        HttpResponse<String> response = post("/api/v1/accounts", """
                {"address":"not an address","password":"a-Strong-passw0rd!","displayName":"Nobody","quotaBytes":1073741824}""",
                platform.adminAuthorization());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertProblem(response);
        assertThat(response.body()).contains("address");
    }

    @Test
    @Order(6)
    void requestWithoutCredentialsShouldBeAnUnauthorizedProblem() throws Exception {
        HttpResponse<String> response = get("/api/v1/domains", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertProblem(response);
    }

    @Test
    @Order(7)
    void requestWithAWrongPasswordShouldBeUnauthorized() throws Exception {
        String wrong = "Basic " + Base64.getEncoder()
                .encodeToString((platform.adminUser() + ":not-the-password").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = get("/api/v1/domains", wrong);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }

    @Test
    @Order(8)
    void malformedJsonShouldBeABadRequestProblem() throws Exception {
        HttpResponse<String> response = post("/api/v1/domains", "{\"name\": ", platform.adminAuthorization());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertProblem(response);
    }

    @Test
    @Order(9)
    void openApiDocumentShouldDescribeThePaths() throws Exception {
        HttpResponse<String> response = get("/api/v1/openapi.json", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode document = json.readTree(response.body());
        assertThat(document.has("openapi")).as(response.body()).isTrue();
        assertThat(document.has("paths")).as(response.body()).isTrue();
    }

    private void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.has("status") || problem.has("title")).as(response.body()).isTrue();
    }

    /** The records, whether the body is an array of them or an object holding one. */
    private static List<JsonNode> records(JsonNode body) {
        JsonNode array = body;
        if (body.isObject()) {
            array = body.has("records") ? body.get("records") : body.values().stream()
                    .filter(JsonNode::isArray).findFirst().orElse(body);
        }
        List<JsonNode> records = new ArrayList<>();
        array.forEach(records::add);
        return records;
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Accept", "application/json, application/problem+json")
                .GET();
        return send(request, authorization);
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String authorization) throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.kuvert.mailbox.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.mailbox.MailboxDatabase;
import dev.kuvert.mailbox.TestServiceClient;
import dev.kuvert.support.PlatformSecret;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One running mailbox-service against a real MariaDB for the directory's API tests (the context is shared), called over
 * HTTP as the gateway and the other services do; each test has a fresh domain of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DirectoryApiTestBase {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        MailboxDatabase.register(registry, "kuvert_mailbox_it");
    }

    @LocalServerPort
    int port;

    @Autowired
    PlatformSecret secret;

    @Autowired
    ObjectMapper json;

    /** A domain no other test uses, created before each test. */
    String domain;

    @BeforeEach
    void freshDomain() throws Exception {
        domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        assertThat(call("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}").statusCode()).isEqualTo(201);
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** A public API call on behalf of a super-administrator. */
    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        return client().api(method, path, body);
    }

    /** An internal call from another service. */
    HttpResponse<String> internal(String method, String path, String body) throws IOException, InterruptedException {
        return client().internal(method, path, body);
    }

    HttpResponse<String> send(String method, String path, String body, String credential, String domains)
            throws IOException, InterruptedException {
        return client().send(method, path, body, credential, domains);
    }

    TestServiceClient client() {
        return new TestServiceClient(port, secret.serviceCredential());
    }
}

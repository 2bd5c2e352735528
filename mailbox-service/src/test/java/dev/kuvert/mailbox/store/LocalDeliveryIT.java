package dev.kuvert.mailbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.mailbox.MailboxDatabase;
import dev.kuvert.mailbox.TestServiceClient;
import dev.kuvert.mailbox.directory.Directory;
import dev.kuvert.support.PlatformSecret;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Local delivery into the store over HTTP, against a real MariaDB and the filesystem blob store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LocalDeliveryIT {
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

    @Autowired
    Directory directory;

    @Autowired
    Folders folders;

    @Autowired
    MessageStore store;

    @Autowired
    JdbcClient jdbc;

    TestServiceClient client;
    String domain;

    @BeforeEach
    void domain() throws Exception {
        client = new TestServiceClient(port, secret.serviceCredential());
        domain = "s" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        assertThat(client.api("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void newAccountsShouldHaveTheSpecialUseFolders() throws Exception {
        client.api("POST", "/api/v1/accounts", TestServiceClient.account("erin@" + domain, "a-Strong-passw0rd!", 0));
        long id = directory.account("erin@" + domain).orElseThrow().id();
        assertThat(folders.ofAccount(id)).extracting(Folder::name, Folder::specialUse).contains(
                org.assertj.core.groups.Tuple.tuple("INBOX", null),
                org.assertj.core.groups.Tuple.tuple("Sent", "\\Sent"),
                org.assertj.core.groups.Tuple.tuple("Drafts", "\\Drafts"),
                org.assertj.core.groups.Tuple.tuple("Trash", "\\Trash"),
                org.assertj.core.groups.Tuple.tuple("Junk", "\\Junk"),
                org.assertj.core.groups.Tuple.tuple("Archive", "\\Archive"));
        assertThat(folders.ofAccount(id)).allSatisfy(f -> assertThat(f.uidValidity()).isPositive());
    }

    @Test
    void deliveryShouldStoreTheExactBytesOnceWithAscendingUidsAndChargeTheQuota() throws Exception {
        client.api("POST", "/api/v1/accounts", TestServiceClient.account("frank@" + domain, "a-Strong-passw0rd!", 0));
        byte[] first = message("first");
        byte[] second = message("second");

        var created = client.deliver("frank@" + domain, "Q1", first);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode delivered = json.readTree(created.body());
        assertThat(delivered.get("folder").asText()).isEqualTo("INBOX");
        long firstUid = delivered.get("uid").asLong();

        var again = client.deliver("frank@" + domain, "Q1", first);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
        assertThat(json.readTree(again.body()).get("uid").asLong()).isEqualTo(firstUid);

        long secondUid = json.readTree(client.deliver("frank@" + domain, "Q2", second).body()).get("uid").asLong();
        assertThat(secondUid).isGreaterThan(firstUid);

        long accountId = directory.account("frank@" + domain).orElseThrow().id();
        Folder inbox = folders.find(accountId, "INBOX").orElseThrow();
        List<StoredMessage> stored = store.messages(inbox.id());
        assertThat(stored).extracting(StoredMessage::uid).containsExactly(firstUid, secondUid);
        try (InputStream in = store.open(stored.getFirst())) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        }
        assertThat(usedBytes(accountId)).isEqualTo(first.length + second.length);

        store.expunge(accountId, inbox.id(), List.of(firstUid));
        assertThat(store.messages(inbox.id())).extracting(StoredMessage::uid).containsExactly(secondUid);
        assertThat(usedBytes(accountId)).isEqualTo(second.length);
        Folder after = folders.find(accountId, "INBOX").orElseThrow();
        assertThat(after.uidNext()).isEqualTo(secondUid + 1);
        assertThat(after.highestModseq()).isGreaterThan(inbox.highestModseq());
    }

    @Test
    void unknownAccountsShouldBe404AndFullOnes507() throws Exception {
        assertThat(client.deliver("nobody@" + domain, "Q1", message("x")).statusCode()).isEqualTo(404);

        client.api("POST", "/api/v1/accounts", TestServiceClient.account("gina@" + domain, "a-Strong-passw0rd!", 300));
        assertThat(client.deliver("gina@" + domain, "Q1", message("fits")).statusCode()).isEqualTo(201);
        var full = client.deliver("gina@" + domain, "Q2", message("x".repeat(400)));
        assertThat(full.statusCode()).isEqualTo(507);
        assertThat(full.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(client.internal("GET", "/internal/v1/recipients/gina@" + domain, null).body())
                .get("overQuota").asBoolean()).isFalse();
    }

    @Test
    void aBatchShouldStoreEachQueueIdOnceInOrderWithinTheQuota() throws Exception {
        client.api("POST", "/api/v1/accounts", TestServiceClient.account("ivan@" + domain, "a-Strong-passw0rd!", 400));
        String ivan = "ivan@" + domain;
        byte[] first = message("first");
        byte[] second = message("second");
        byte[] tooBig = message("x".repeat(300));
        byte[] fourth = message("fourth");
        long firstUid = json.readTree(client.deliver(ivan, "B1", first).body()).get("uid").asLong();

        var response = client.deliverBatch(ivan, List.of(Map.entry("B1", first), Map.entry("B2", second), Map.entry("B3", tooBig),
                Map.entry("B4", fourth), Map.entry("B2", second)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode parts = json.readTree(response.body()).get("parts");
        assertThat(parts).extracting(part -> part.get("status").asInt()).containsExactly(200, 201, 507, 201, 200);
        assertThat(parts.get(0).get("uid").asLong()).isEqualTo(firstUid);
        long secondUid = parts.get(1).get("uid").asLong();
        assertThat(parts.get(3).get("uid").asLong()).isEqualTo(secondUid + 1);
        assertThat(parts.get(4).get("uid").asLong()).isEqualTo(secondUid);
        long accountId = directory.account(ivan).orElseThrow().id();
        Folder inbox = folders.find(accountId, "INBOX").orElseThrow();
        List<StoredMessage> stored = store.messages(inbox.id());
        assertThat(stored).extracting(StoredMessage::uid).containsExactly(firstUid, secondUid, secondUid + 1);
        try (InputStream in = store.open(stored.get(2))) {
            assertThat(in.readAllBytes()).isEqualTo(fourth);
        }
        assertThat(usedBytes(accountId)).isEqualTo(first.length + second.length + fourth.length);
        assertThat(inbox.uidNext()).isEqualTo(secondUid + 2);
    }

    @Test
    void aBatchThatEndsInsideAMessageOrHasTooManyPartsShouldStoreNothing() throws Exception {
        client.api("POST", "/api/v1/accounts", TestServiceClient.account("judy@" + domain, "a-Strong-passw0rd!", 0));
        String judy = "judy@" + domain;
        var cut = client.send("POST", "/internal/v1/accounts/" + judy + "/deliveries",
                "{\"queueId\":\"C1\",\"folder\":\"INBOX\",\"sender\":\"\",\"size\":500}\nFrom: a@example.org\r\n\r\nshort",
                secret.serviceCredential(), null);
        assertThat(cut.statusCode()).isEqualTo(422);
        var tooMany = client.deliverBatch(judy, java.util.stream.IntStream.range(0, 65)
                .mapToObj(i -> Map.entry("M" + i, message("m" + i))).toList());
        assertThat(tooMany.statusCode()).isEqualTo(422);
        long accountId = directory.account(judy).orElseThrow().id();
        assertThat(store.messages(folders.find(accountId, "INBOX").orElseThrow().id())).isEmpty();
        assertThat(client.deliverBatch("nobody@" + domain, List.of(Map.entry("N1", message("n")))).statusCode()).isEqualTo(404);
    }

    @Test
    void deliveryWithoutTheServiceCredentialShouldBeRefused() throws Exception {
        client.api("POST", "/api/v1/accounts", TestServiceClient.account("hank@" + domain, "a-Strong-passw0rd!", 0));
        var forged = new TestServiceClient(port, "forged").deliver("hank@" + domain, "Q1", message("x"));
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    private long usedBytes(long accountId) {
        return jdbc.sql("SELECT used_bytes FROM accounts WHERE id = ?").param(accountId).query(Long.class).single();
    }

    private static byte[] message(String body) {
        return ("From: a@example.org\r\nTo: someone\r\nSubject: " + body.substring(0, Math.min(10, body.length()))
                + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}

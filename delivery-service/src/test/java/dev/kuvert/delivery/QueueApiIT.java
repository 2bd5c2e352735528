package dev.kuvert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kuvert.delivery.support.HandOff;
import dev.kuvert.delivery.support.MailboxStub.Behaviour;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/queue} and {@code /api/v1/logs/deliveries} as the gateway forwards them, scoped to the caller's domains. */
class QueueApiIT extends DeliveryServiceTestBase {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void theQueueShouldListWaitingMessagesNewestFirstWithEachRecipientsStateAndPage() {
        String domain = newDomain();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(handOff("alice@" + domain, HandOff.message("waiting " + i, 500), "bob@remote.example"));
        }
        await().atMost(DEADLINE).until(() -> ids.stream().allMatch(id -> "DEFERRED".equals(states(id).get("bob@remote.example"))));

        JsonNode page = body(api("GET", "/api/v1/queue?limit=2", domain));
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("limit").asInt()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("queueId").asText()).isEqualTo(ids.get(2));
        JsonNode recipient = page.get("items").get(0).get("recipients").get(0);
        assertThat(recipient.get("recipient").asText()).isEqualTo("bob@remote.example");
        assertThat(recipient.get("state").asText()).isEqualTo("DEFERRED");
        assertThat(recipient.get("attempts").asInt()).isPositive();
        assertThat(recipient.get("nextAttemptAt").asText()).isNotEmpty();
        assertThat(recipient.get("lastResponse").asText()).startsWith("451 4.4.3 DNS lookup of the MX of remote.example failed");

        JsonNode second = body(api("GET", "/api/v1/queue?limit=2&offset=2", domain));
        assertThat(second.get("items")).singleElement().satisfies(m -> assertThat(m.get("queueId").asText()).isEqualTo(ids.getFirst()));
        assertThat(body(api("GET", "/api/v1/queue?state=DEFERRED", domain)).get("total").asLong()).isEqualTo(3);
        assertThat(body(api("GET", "/api/v1/queue?state=delivered", domain)).get("total").asLong()).isZero();
    }

    @Test
    void deliveredMessagesShouldLeaveTheQueueButStayVisibleByStateAndId() {
        String domain = newDomain();
        String bob = "bob@" + domain;
        MAILBOX.account(bob);
        String queueId = handOff("alice@example.org", HandOff.message("done", 500), bob);
        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));

        assertThat(body(api("GET", "/api/v1/queue", domain)).get("total").asLong()).isZero();
        assertThat(body(api("GET", "/api/v1/queue?state=DELIVERED", domain)).get("items"))
                .singleElement().satisfies(m -> assertThat(m.get("completedAt").isNull()).isFalse());
        JsonNode one = body(api("GET", "/api/v1/queue/" + queueId, "*"));
        assertThat(one.get("recipients").get(0).get("state").asText()).isEqualTo("DELIVERED");
        assertThat(one.get("recipients").get(0).get("nextAttemptAt").isNull()).isTrue();
    }

    @Test
    void retryShouldMakeDeferredRecipientsDueNow() {
        String bob = "bob@" + newDomain();
        MAILBOX.account(bob);
        MAILBOX.behave(bob, Behaviour.FAIL, Behaviour.FAIL, Behaviour.STORE);
        String queueId = handOff("alice@example.org", HandOff.message("retry", 500), bob);
        await().atMost(DEADLINE).until(() -> ((Number) recipientRow(queueId, bob).get("attempts")).intValue() == 2);
        assertThat(recipientRow(queueId, bob)).containsEntry("state", "DEFERRED");

        HttpResponse<String> retried = api("POST", "/api/v1/queue/" + queueId + "/retry", "*");

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(body(retried).get("queueId").asText()).isEqualTo(queueId);
        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(queueId).get(bob)));
    }

    @Test
    void deleteShouldRemoveTheMessageAndItsBody() {
        String domain = newDomain();
        String queueId = handOff("alice@" + domain, HandOff.message("delete me", 500), "bob@remote.example");
        assertThat(bodyInSpool(queueId)).isTrue();

        assertThat(api("DELETE", "/api/v1/queue/" + queueId, domain).statusCode()).isEqualTo(204);

        assertThat(bodyInSpool(queueId)).isFalse();
        assertThat(states(queueId)).isEmpty();
        assertThat(api("GET", "/api/v1/queue/" + queueId, "*").statusCode()).isEqualTo(404);
        assertThat(api("DELETE", "/api/v1/queue/" + queueId, "*").statusCode()).isEqualTo(404);
    }

    @Test
    void aDomainAdministratorShouldSeeOnlyMessagesAndRecipientsOfTheirDomains() {
        String mine = newDomain();
        String theirs = newDomain();
        for (String r : List.of("x@" + mine, "y@" + theirs)) {
            MAILBOX.account(r);
        }
        String queueId = handOff("stranger@elsewhere.example", HandOff.message("shared", 500), "x@" + mine, "y@" + theirs);
        await().atMost(DEADLINE).until(() -> states(queueId).values().stream().allMatch("DELIVERED"::equals));

        JsonNode seen = body(api("GET", "/api/v1/queue/" + queueId, mine));
        assertThat(seen.get("recipients")).singleElement().satisfies(r -> assertThat(r.get("recipient").asText()).isEqualTo("x@" + mine));
        assertThat(api("GET", "/api/v1/queue/" + queueId, "unrelated.test").statusCode()).isEqualTo(404);
        assertThat(api("POST", "/api/v1/queue/" + queueId + "/retry", "unrelated.test").statusCode()).isEqualTo(404);
        assertThat(body(api("GET", "/api/v1/queue?state=DELIVERED", "unrelated.test")).get("total").asLong()).isZero();
        HttpResponse<String> forbidden = api("DELETE", "/api/v1/queue/" + queueId, mine);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        JsonNode log = body(api("GET", "/api/v1/logs/deliveries?sender=elsewhere.example", mine));
        assertThat(log.get("items")).singleElement().satisfies(e -> assertThat(e.get("recipient").asText()).isEqualTo("x@" + mine));
        assertThat(body(api("GET", "/api/v1/logs/deliveries?sender=elsewhere.example", "*")).get("total").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theDeliveryLogShouldFilterBySenderRecipientStatusAndTime() {
        String domain = newDomain();
        String bob = "bob@" + domain;
        String carol = "carol@" + domain;
        MAILBOX.account(bob);
        MAILBOX.account(carol);
        MAILBOX.behave(carol, Behaviour.NOT_FOUND);
        Instant before = Instant.now().minusSeconds(1);
        String toBob = handOff("alice@example.org", HandOff.message("log 1", 500), bob);
        String toCarol = handOff("", HandOff.message("log 2", 500), carol);
        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(states(toBob).get(bob)) && "FAILED".equals(states(toCarol).get(carol)));

        JsonNode all = body(api("GET", "/api/v1/logs/deliveries?recipient=" + domain, "*"));
        assertThat(all.get("total").asLong()).isEqualTo(2);
        assertThat(all.get("items").get(0).get("queueId").asText()).isEqualTo(toCarol);
        JsonNode entry = body(api("GET", "/api/v1/logs/deliveries?recipient=" + bob, "*")).get("items").get(0);
        assertThat(entry.get("queueId").asText()).isEqualTo(toBob);
        assertThat(entry.get("sender").asText()).isEqualTo("alice@example.org");
        assertThat(entry.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(entry.get("remoteHost").asText()).startsWith("mailbox-service");
        assertThat(entry.get("attemptedAt").asText()).isNotEmpty();

        assertThat(body(api("GET", "/api/v1/logs/deliveries?recipient=" + domain + "&status=FAILED", "*")).get("items"))
                .singleElement().satisfies(e -> assertThat(e.get("recipient").asText()).isEqualTo(carol));
        assertThat(body(api("GET", "/api/v1/logs/deliveries?recipient=" + domain + "&sender=%3C%3E", "*")).get("total").asLong()).isEqualTo(1);
        assertThat(body(api("GET", "/api/v1/logs/deliveries?recipient=" + domain + "&from=" + before, "*")).get("total").asLong()).isEqualTo(2);
        assertThat(body(api("GET", "/api/v1/logs/deliveries?recipient=" + domain + "&to=" + before, "*")).get("total").asLong()).isZero();
        assertThat(body(api("GET", "/api/v1/logs/deliveries?recipient=" + domain, domain)).get("total").asLong()).isEqualTo(2);
        assertThat(body(api("GET", "/api/v1/logs/deliveries?recipient=" + domain, "unrelated.test")).get("total").asLong()).isZero();
    }

    @Test
    void badQueryParametersShouldBe422ProblemsNamingTheParameter() {
        for (String[] call : List.of(
                new String[] {"/api/v1/queue?state=LOST", "state"},
                new String[] {"/api/v1/queue?limit=0", "limit"},
                new String[] {"/api/v1/queue?offset=-1", "offset"},
                new String[] {"/api/v1/logs/deliveries?from=yesterday", "from"},
                new String[] {"/api/v1/logs/deliveries?status=IN_FLIGHT", "status"},
                new String[] {"/api/v1/logs/deliveries?recipient=not%20an%20address@", "recipient"})) {
            HttpResponse<String> response = api("GET", call[0], "*");
            assertThat(response.statusCode()).as(call[0]).isEqualTo(422);
            assertThat(body(response).get("field").asText()).as(call[0]).isEqualTo(call[1]);
        }
        assertThat(api("GET", "/api/v1/queue/NOSUCHMESSAGE", "*").statusCode()).isEqualTo(404);
    }

    @Test
    void theApiShouldBeRefusedWithoutTheServiceCredentialAndDocumentedInOpenApi() throws Exception {
        var plain = HandOff.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/queue")).build());
        assertThat(plain.statusCode()).isEqualTo(401);

        var docs = HandOff.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json.readTree(docs.body()).get("paths");
        assertThat(paths.has("/api/v1/queue")).isTrue();
        assertThat(paths.has("/api/v1/queue/{queueId}/retry")).isTrue();
        assertThat(paths.has("/api/v1/logs/deliveries")).isTrue();
        assertThat(docs.body()).doesNotContain("/internal/");
    }
}

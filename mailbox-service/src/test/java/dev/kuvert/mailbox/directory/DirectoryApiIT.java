package dev.kuvert.mailbox.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.mailbox.TestServiceClient;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The directory's REST API and internal endpoints, over HTTP, against a real MariaDB. */
class DirectoryApiIT extends DirectoryApiTestBase {
    private static final String STRONG = "a-Strong-passw0rd!";

    @Test
    void createDomainShouldStoreAsciiAndAnswer409OnDuplicate() throws Exception {
        var duplicate = call("POST", "/api/v1/domains", "{\"name\":\"" + domain.toUpperCase() + "\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        var idn = call("POST", "/api/v1/domains", "{\"name\":\"bücher-" + domain + "\"}");
        assertThat(idn.statusCode()).isEqualTo(201);
        assertThat(body(idn).get("name").asText()).isEqualTo(java.net.IDN.toASCII("bücher-" + domain));
        assertThat(body(idn).get("displayName").asText()).startsWith("bücher-");
    }

    @Test
    void invalidInputShouldBe422NamingTheFieldAndMalformedJson400() throws Exception {
        var badDomain = call("POST", "/api/v1/domains", "{\"name\":\"not a domain\"}");
        assertThat(badDomain.statusCode()).isEqualTo(422);
        assertThat(body(badDomain).get("field").asText()).isEqualTo("name");

        var badAddress = call("POST", "/api/v1/accounts", account("not an address", STRONG));
        assertThat(badAddress.statusCode()).isEqualTo(422);
        assertThat(body(badAddress).get("field").asText()).isEqualTo("address");

        var weak = call("POST", "/api/v1/accounts", account("weak@" + domain, "password"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(body(weak).get("field").asText()).isEqualTo("password");
        var empty = call("POST", "/api/v1/accounts", account("empty@" + domain, ""));
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(body(empty).get("field").asText()).isEqualTo("password");

        var malformed = call("POST", "/api/v1/domains", "{\"name\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at dev.");

        var unknownField = call("POST", "/api/v1/domains", "{\"name\":\"x-" + domain + "\",\"colour\":\"red\"}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(body(unknownField).get("field").asText()).isEqualTo("colour");
    }

    @Test
    void accountsShouldNeverExposeThePasswordAndAuthenticateInternally() throws Exception {
        var created = call("POST", "/api/v1/accounts", account("Alice@" + domain, STRONG));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(STRONG).doesNotContain("bcrypt").doesNotContain("$2a$");
        assertThat(body(created).get("address").asText()).isEqualTo("alice@" + domain);
        assertThat(call("POST", "/api/v1/accounts", account("alice@" + domain, STRONG)).statusCode()).isEqualTo(409);

        var ok = internal("POST", "/internal/v1/authenticate", "{\"username\":\"ALICE@" + domain + "\",\"password\":\"" + STRONG + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(body(ok).get("address").asText()).isEqualTo("alice@" + domain);
        var wrong = internal("POST", "/internal/v1/authenticate", "{\"username\":\"alice@" + domain + "\",\"password\":\"nope-nope-nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);

        var patched = call("PATCH", "/api/v1/accounts/alice@" + domain, "{\"password\":\"an0ther-Strong-one\",\"enabled\":false}");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(internal("POST", "/internal/v1/authenticate",
                "{\"username\":\"alice@" + domain + "\",\"password\":\"an0ther-Strong-one\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void deletingADomainWithAccountsShouldNeedForce() throws Exception {
        call("POST", "/api/v1/accounts", account("bob@" + domain, STRONG));
        assertThat(call("DELETE", "/api/v1/domains/" + domain, null).statusCode()).isEqualTo(409);
        assertThat(call("DELETE", "/api/v1/domains/" + domain + "?force=true", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/accounts/bob@" + domain, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/domains/" + domain, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aliasesShouldExpandCatchAllAndRejectLoops() throws Exception {
        call("POST", "/api/v1/accounts", account("bob@" + domain, STRONG));
        call("POST", "/api/v1/accounts", account("carol@" + domain, STRONG));
        assertThat(call("POST", "/api/v1/aliases", alias("team@" + domain, "bob@" + domain, "carol@" + domain, "ext@remote.example"))
                .statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/aliases", alias("@" + domain, "bob@" + domain)).statusCode()).isEqualTo(201);

        JsonNode team = body(internal("GET", "/internal/v1/recipients/team@" + domain, null));
        assertThat(team.get("kind").asText()).isEqualTo("ALIAS");
        assertThat(team.get("mailboxes").toString()).contains("bob@" + domain, "carol@" + domain);
        assertThat(team.get("external").toString()).contains("ext@remote.example");
        JsonNode anyone = body(internal("GET", "/internal/v1/recipients/whoever@" + domain, null));
        assertThat(anyone.get("mailboxes").toString()).contains("bob@" + domain);
        JsonNode detail = body(internal("GET", "/internal/v1/recipients/carol+news@" + domain, null));
        assertThat(detail.get("kind").asText()).isEqualTo("ACCOUNT");
        JsonNode foreign = body(internal("GET", "/internal/v1/recipients/x@elsewhere.example", null));
        assertThat(foreign.get("localDomain").asBoolean()).isFalse();

        assertThat(call("POST", "/api/v1/aliases", alias("a@" + domain, "team@" + domain)).statusCode()).isEqualTo(201);
        var loop = call("POST", "/api/v1/aliases", alias("b@" + domain, "b@" + domain));
        assertThat(loop.statusCode()).isEqualTo(422);
        assertThat(body(loop).get("field").asText()).isEqualTo("destinations");
        call("POST", "/api/v1/aliases", alias("c@" + domain, "bob@" + domain));
        call("DELETE", "/api/v1/aliases/c@" + domain, null);
        assertThat(call("POST", "/api/v1/aliases", alias("x@" + domain, "a@" + domain)).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/aliases", alias("bob@" + domain, "carol@" + domain)).statusCode()).isEqualTo(409);

        JsonNode sender = body(internal("POST", "/internal/v1/authenticate", "{\"username\":\"carol@" + domain + "\",\"password\":\"" + STRONG + "\"}"));
        assertThat(sender.get("sendAs").toString()).contains("carol@" + domain, "team@" + domain).doesNotContain("\"@" + domain);
    }

    @Test
    void dnsRecordsShouldListWhatToPublishAndTheDkimKeyShouldSign() throws Exception {
        JsonNode records = body(call("GET", "/api/v1/domains/" + domain + "/dns-records", null));
        String all = records.toString();
        assertThat(all).contains("\"MX\"", "v=spf1", "v=DKIM1", "p=", "v=DMARC1", "mail.kuvert.test.");

        JsonNode key = body(internal("GET", "/internal/v1/dkim-keys/" + domain, null));
        String pem = key.get("privateKeyPem").asText().replaceAll("-----[A-Z ]+-----|\\s", "");
        var privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        var publicKey = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(key.get("publicKeyBase64").asText())));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update("hello".getBytes());
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update("hello".getBytes());
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(all).contains(key.get("publicKeyBase64").asText());
    }

    @Test
    void domainAdminsShouldSeeOnlyTheirDomainsAndRequestsWithoutServiceCredentialAreRefused() throws Exception {
        call("POST", "/api/v1/accounts", account("dave@" + domain, STRONG));
        var scoped = send("GET", "/api/v1/domains", null, secret.serviceCredential(), "other.test");
        assertThat(body(scoped).toString()).doesNotContain(domain);
        assertThat(send("GET", "/api/v1/accounts/dave@" + domain, null, secret.serviceCredential(), "other.test").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/domains", "{\"name\":\"y-" + domain + "\"}", secret.serviceCredential(), domain).statusCode())
                .isEqualTo(403);
        assertThat(send("GET", "/api/v1/domains/" + domain, null, secret.serviceCredential(), domain).statusCode()).isEqualTo(200);

        assertThat(send("GET", "/api/v1/domains", null, null, "*").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/internal/v1/recipients/dave@" + domain, null, "forged", "*").statusCode()).isEqualTo(401);
    }

    private static String account(String address, String password) {
        return TestServiceClient.account(address, password, 1048576);
    }

    private static String alias(String address, String... destinations) {
        return "{\"address\":\"" + address + "\",\"destinations\":[\"" + String.join("\",\"", destinations) + "\"]}";
    }
}

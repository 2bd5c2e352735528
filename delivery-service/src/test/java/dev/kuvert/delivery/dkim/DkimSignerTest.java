package dev.kuvert.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our signatures checked by an independent verifier: Apache James jDKIM, with the public key served as its DNS record. */
class DkimSignerTest {
    static KeyPair pair;
    static DkimSigner.Key key;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        key = new DkimSigner.Key("example.test", "kuvert1", pair.getPrivate());
    }

    static List<SignatureRecord> verify(String signed) throws IOException, FailException {
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo("kuvert1");
            assertThat(domain.toString()).isEqualTo("example.test");
            return List.of(record);
        });
        return verifier.verify(new ByteArrayInputStream(signed.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static String signed(String message) throws IOException {
        String header = DkimSigner.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)), key,
                Instant.parse("2026-11-26T12:00:00Z"));
        return header + message;
    }

    static final String MESSAGE = """
            From: Alice <alice@example.test>\r
            To: bob@remote.test,\r
            \tcarol@remote.test\r
            Cc:   dave@remote.test  \r
            Subject:  Hello   there\t\r
            Date: Thu, 26 Nov 2026 12:00:00 +0000\r
            Message-ID: <1@example.test>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            X-Not-Signed: whatever\r
            \r
            Hello Bob,  \r
            \r
            with  some \t spaces\t\r
            and trailing empty lines\r
            \r
            \r
            """;

    @Test
    void anIndependentVerifierShouldAcceptTheSignature() throws Exception {
        String signed = signed(MESSAGE);

        List<SignatureRecord> results = verify(signed);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.getDToken()).isEqualTo("example.test");
            assertThat(r.getSelector()).isEqualTo("kuvert1");
            assertThat(r.getHeaders()).extracting(CharSequence::toString)
                    .containsExactly("from", "to", "cc", "subject", "date", "message-id", "mime-version", "content-type");
        });
        assertThat(signed).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=kuvert1;");
        assertThat(signed.lines().takeWhile(l -> !l.isEmpty()).toList()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(998));
    }

    @Test
    void whitespaceChangesInTransitShouldNotBreakARelaxedSignature() throws Exception {
        String signed = signed(MESSAGE);
        String rewritten = signed.replace("Subject:  Hello   there\t", "Subject: Hello there")
                .replace("Hello Bob,  \r\n", "Hello Bob,\r\n")
                .replace("\r\n\r\n\r\n", "\r\n");

        assertThat(verify(rewritten)).hasSize(1);
    }

    @Test
    void aChangedBodyShouldFailVerification() throws Exception {
        String signed = signed(MESSAGE);

        assertThatThrownBy(() -> verify(signed.replace("Hello Bob", "Hello Eve"))).isInstanceOf(FailException.class);
    }

    @Test
    void aChangedSignedHeaderShouldFailVerification() throws Exception {
        String signed = signed(MESSAGE);

        assertThatThrownBy(() -> verify(signed.replace("Subject:  Hello", "Subject:  Goodbye"))).isInstanceOf(FailException.class);
        assertThat(verify(signed.replace("X-Not-Signed: whatever", "X-Not-Signed: changed"))).hasSize(1);
    }

    @Test
    void aFieldThatAppearsTwiceShouldBeSignedBothTimes() throws Exception {
        String message = "From: alice@example.test\r\nTo: a@remote.test\r\nTo: b@remote.test\r\nSubject: two\r\n\r\nbody\r\n";
        String signed = signed(message);

        assertThat(verify(signed)).singleElement().satisfies(r -> assertThat(r.getHeaders()).extracting(CharSequence::toString)
                .containsExactly("from", "to", "to", "subject"));
        assertThatThrownBy(() -> verify(signed.replace("To: a@remote.test\r\n", ""))).isInstanceOf(FailException.class);
    }

    /**
     * RFC 6376 §3.4.4: the relaxed form of an empty body is empty. (jDKIM 0.3 hashes a CRLF there, as the
     * simple form does, so it is not asked about this case.)
     */
    @Test
    void aMessageWithoutBodyShouldCarryTheHashOfTheEmptyBody() throws Exception {
        String signed = signed("From: alice@example.test\r\nSubject: empty\r\n\r\n");

        assertThat(signed.replace("\r\n\t", " ")).contains("bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;");
    }

    @Test
    void theRelaxedBodyHashShouldFollowRfc6376() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] empty = sha.digest(new byte[0]);
        byte[] oneLine = sha.digest(" a b\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(DkimSigner.relaxedBodyHash(new ByteArrayInputStream(new byte[0]))).isEqualTo(empty);
        assertThat(DkimSigner.relaxedBodyHash(new ByteArrayInputStream("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(empty);
        assertThat(DkimSigner.relaxedBodyHash(new ByteArrayInputStream(" \t a  \t b \t\r\n\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(oneLine);
        assertThat(DkimSigner.relaxedHeader("SubJect:  a \r\n\t b\t\r\n")).isEqualTo("subject:a b");
    }

    @Test
    void theFromDomainShouldBeFoundInTheUsualForms() throws IOException {
        for (String from : List.of("From: Alice <Alice@Example.Test>\r\n", "From: alice@example.test\r\n",
                "From: \"Smith, Alice\" <alice@example.test>\r\n", "From: alice@example.test (Alice)\r\n")) {
            HeaderSection headers = HeaderSection.read(new ByteArrayInputStream((from + "\r\nbody").getBytes(StandardCharsets.US_ASCII)));
            assertThat(headers.fromDomain()).as(from).contains("example.test");
        }
    }
}

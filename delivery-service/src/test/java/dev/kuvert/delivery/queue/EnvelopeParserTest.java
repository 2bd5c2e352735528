package dev.kuvert.delivery.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class EnvelopeParserTest {
    private final EnvelopeParser parser =
            new EnvelopeParser(JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    @Test
    void recipientsShouldBeCanonicalAndWithoutDuplicates() throws Exception {
        var envelope = parser.parse(envelope("\"Alice@Example.TEST\"", "\"Bob@Example.test\", \"bob@example.test\", \"carol@bücher.test\""));

        assertThat(envelope.sender()).hasToString("alice@example.test");
        assertThat(envelope.recipients()).extracting(Object::toString)
                .containsExactly("bob@example.test", "carol@xn--bcher-kva.test");
    }

    @Test
    void theNullSenderShouldBeAccepted() throws Exception {
        assertThat(parser.parse(envelope("\"\"", "\"bob@example.test\"")).sender()).isNull();
        assertThat(parser.parse(envelope("null", "\"bob@example.test\"")).sender()).isNull();
    }

    @Test
    void anEnvelopeWithoutRecipientsOrWithMoreThanAHundredShouldBeRefusedNamingRecipients() {
        String hundredAndOne = IntStream.rangeClosed(1, 101).mapToObj(i -> "\"r" + i + "@example.test\"").collect(Collectors.joining(","));
        assertThatThrownBy(() -> parser.parse(envelope("\"a@example.test\"", "")))
                .isInstanceOfSatisfying(EnvelopeParser.InvalidEnvelopeException.class, e -> assertThat(e.field()).isEqualTo("recipients"));
        assertThatThrownBy(() -> parser.parse(envelope("\"a@example.test\"", hundredAndOne)))
                .isInstanceOfSatisfying(EnvelopeParser.InvalidEnvelopeException.class, e -> assertThat(e.getMessage()).contains("100"));
    }

    @Test
    void invalidAddressesAndMalformedJsonShouldBeRefused() {
        assertThatThrownBy(() -> parser.parse(envelope("\"not an address\"", "\"bob@example.test\"")))
                .isInstanceOfSatisfying(EnvelopeParser.InvalidEnvelopeException.class, e -> assertThat(e.field()).isEqualTo("mailFrom"));
        assertThatThrownBy(() -> parser.parse(envelope("\"a@example.test\"", "\"bob@\"")))
                .isInstanceOfSatisfying(EnvelopeParser.InvalidEnvelopeException.class, e -> assertThat(e.field()).isEqualTo("recipients"));
        assertThatThrownBy(() -> parser.parse("{\"mailFrom\":")).isInstanceOf(EnvelopeParser.InvalidEnvelopeException.class);
        assertThatThrownBy(() -> parser.parse("{\"mailFrom\":\"a@example.test\"}")).isInstanceOf(EnvelopeParser.InvalidEnvelopeException.class);
    }

    @Test
    void fieldsThisVersionDoesNotKnowShouldBeIgnoredSoThatSmtpServiceCanBeUpgradedFirst() throws Exception {
        var envelope = parser.parse("{\"mailFrom\":\"a@example.test\",\"recipients\":[\"b@example.test\"],\"dsnEnvid\":\"x1\"}");

        assertThat(envelope.recipients()).extracting(Object::toString).containsExactly("b@example.test");
    }

    private static String envelope(String mailFrom, String recipients) {
        return "{\"mailFrom\":" + mailFrom + ",\"recipients\":[" + recipients + "],\"clientAddress\":\"192.0.2.1\","
                + "\"helo\":\"client.example\",\"authenticatedAccount\":null,\"port\":\"MX\"}";
    }
}

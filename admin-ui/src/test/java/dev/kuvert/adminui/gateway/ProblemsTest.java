package dev.kuvert.adminui.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.adminui.gateway.GatewayException.FieldError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

class ProblemsTest {
    private final Problems problems = new Problems(JsonMapper.builder().build());

    private GatewayException answer(int status, MediaType type, String body) {
        return problems.fromResponse(status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void messageIsTheProblemDetail() {
        GatewayException e = answer(409, MediaType.APPLICATION_PROBLEM_JSON,
                "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"The domain example.com exists already.\"}");

        assertThat(e.getMessage()).isEqualTo("The domain example.com exists already.");
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.isConflict()).isTrue();
        assertThat(e.title()).contains("Conflict");
    }

    @Test
    void unprocessableNamesTheFieldsFromTheErrorsArray() {
        GatewayException e = answer(422, MediaType.APPLICATION_PROBLEM_JSON, """
                {"title":"Invalid name","status":422,"detail":"name: is not a valid domain name","field":"name",
                 "errors":[{"field":"name","message":"is not a valid domain name"},{"field":"other","message":"is wrong"}]}""");

        assertThat(e.getMessage()).isEqualTo("name: is not a valid domain name");
        assertThat(e.field()).contains("name");
        assertThat(e.fieldErrors()).containsExactly(
                new FieldError("name", "is not a valid domain name"), new FieldError("other", "is wrong"));
    }

    @Test
    void aLoneFieldPropertyIsEnoughToNameTheField() {
        GatewayException e = answer(422, MediaType.APPLICATION_PROBLEM_JSON,
                "{\"title\":\"Invalid address\",\"status\":422,\"detail\":\"Not an address.\",\"field\":\"address\"}");

        assertThat(e.field()).contains("address");
        assertThat(e.fieldErrors()).containsExactly(new FieldError("address", null));
    }

    @Test
    void withoutDetailTheFieldMessagesAreShown() {
        GatewayException e = answer(422, MediaType.APPLICATION_PROBLEM_JSON,
                "{\"status\":422,\"errors\":[{\"field\":\"password\",\"message\":\"must not be blank\"}]}");

        assertThat(e.getMessage()).isEqualTo("password: must not be blank");
    }

    @Test
    void withoutDetailOrFieldsAMeaningfulTitleIsShown() {
        GatewayException e = answer(403, MediaType.APPLICATION_PROBLEM_JSON, "{\"title\":\"Domain outside your scope\",\"status\":403}");

        assertThat(e.getMessage()).isEqualTo("Domain outside your scope");
    }

    @Test
    void aTitleThatIsOnlyTheReasonPhraseGivesAPlainSentence() {
        GatewayException e = answer(404, MediaType.APPLICATION_PROBLEM_JSON, "{\"title\":\"Not Found\",\"status\":404}");

        assertThat(e.getMessage()).isEqualTo("It does not exist (any more).");
    }

    @Test
    void anHtmlErrorPageIsNeverShown() {
        GatewayException e = answer(502, MediaType.TEXT_HTML, "<html><body><h1>502 Bad Gateway</h1><pre>at java.lang.Thread</pre></body></html>");

        assertThat(e.getMessage()).isEqualTo("The platform could not do this (HTTP 502). Try again in a moment.");
        assertThat(e.detail()).isEmpty();
    }

    @Test
    void brokenJsonGivesThePlainSentenceForTheStatus() {
        GatewayException e = answer(400, MediaType.APPLICATION_PROBLEM_JSON, "{\"detail\": ");

        assertThat(e.getMessage()).isEqualTo("The gateway did not understand the request.");
    }

    @Test
    void jsonWithoutContentTypeIsStillRead() {
        GatewayException e = problems.fromResponse(409, null, " {\"detail\":\"In use.\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(e.getMessage()).isEqualTo("In use.");
    }

    @Test
    void blankDetailCountsAsNone() {
        GatewayException e = answer(401, MediaType.APPLICATION_PROBLEM_JSON, "{\"title\":\"Unauthorized\",\"detail\":\"  \"}");

        assertThat(e.getMessage()).isEqualTo("Your session has ended. Sign in again.");
        assertThat(e.isUnauthorized()).isTrue();
    }

    @Test
    void anUnreachableGatewayHasStatusZeroAndSaysSo() {
        GatewayException refused = Problems.unreachable(new ConnectException("Connection refused"));
        GatewayException slow = Problems.unreachable(new HttpTimeoutException("request timed out"));

        assertThat(refused.isUnreachable()).isTrue();
        assertThat(refused.getMessage()).isEqualTo("The Kuvert gateway cannot be reached. Try again in a moment.");
        assertThat(refused.getCause()).isInstanceOf(IOException.class);
        assertThat(slow.getMessage()).isEqualTo("The Kuvert gateway did not answer in time. Try again in a moment.");
    }
}

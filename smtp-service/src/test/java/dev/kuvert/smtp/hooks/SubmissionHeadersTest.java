package dev.kuvert.smtp.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class SubmissionHeadersTest {
    @Test
    void makesUniqueMessageIdsInTheServersDomain() {
        var headers = new SubmissionHeaders("mx.kuvert.test", Clock.systemUTC());
        String first = headers.newMessageId();
        assertThat(first).matches("<\\d+\\.[0-9a-f]{32}@mx\\.kuvert\\.test>");
        assertThat(headers.newMessageId()).isNotEqualTo(first);
    }
}

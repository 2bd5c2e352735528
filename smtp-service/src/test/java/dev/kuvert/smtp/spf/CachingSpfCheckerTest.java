package dev.kuvert.smtp.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingSpfCheckerTest {
    private final List<String> asked = new ArrayList<>();
    private final Deque<String> answers = new ArrayDeque<>();
    private final SpfChecker dns = (client, mailFrom, helo) -> {
        asked.add(client.getHostAddress() + " " + mailFrom + " " + helo);
        return new SpfVerdict(answers.isEmpty() ? "pass" : answers.pop());
    };
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void asksOncePerClientSenderAndHelo() throws Exception {
        var checker = new CachingSpfChecker(dns, Duration.ofMinutes(1), clock);
        InetAddress one = InetAddress.getByName("192.0.2.1");
        InetAddress two = InetAddress.getByName("192.0.2.2");
        answers.add("pass");
        answers.add("fail");
        assertThat(checker.check(one, "a@example.org", "mx.example.org").result()).isEqualTo("pass");
        assertThat(checker.check(one, "a@example.org", "mx.example.org").result()).isEqualTo("pass");
        assertThat(checker.check(two, "a@example.org", "mx.example.org").result()).isEqualTo("fail");
        checker.check(one, "b@example.org", "mx.example.org");
        checker.check(one, "a@example.org", "other.example.org");
        assertThat(asked).hasSize(4);
    }

    @Test
    void aTemporaryErrorIsAskedAgain() throws Exception {
        var checker = new CachingSpfChecker(dns, Duration.ofMinutes(1), clock);
        InetAddress client = InetAddress.getByName("192.0.2.1");
        answers.add("temperror");
        answers.add("softfail");
        assertThat(checker.check(client, "a@example.org", "h").result()).isEqualTo("temperror");
        assertThat(checker.check(client, "a@example.org", "h").result()).isEqualTo("softfail");
        assertThat(checker.check(client, "a@example.org", "h").result()).isEqualTo("softfail");
        assertThat(asked).hasSize(2);
    }

    @Test
    void theNullSenderIsCachedByItsHelo() throws Exception {
        var checker = new CachingSpfChecker(dns, Duration.ofMinutes(1), clock);
        InetAddress client = InetAddress.getByName("192.0.2.1");
        checker.check(client, null, "h");
        checker.check(client, "", "h");
        assertThat(asked).containsExactly("192.0.2.1  h");
    }
}

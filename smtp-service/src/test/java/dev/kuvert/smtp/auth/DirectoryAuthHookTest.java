package dev.kuvert.smtp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.protocol.AuthThrottle;
import dev.kuvert.smtp.directory.Directory;
import dev.kuvert.smtp.directory.DirectoryUnavailableException;
import dev.kuvert.smtp.support.TestSessions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.Test;

class DirectoryAuthHookTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private boolean directoryDown;
    private final Directory directory = new Directory() {
        @Override
        public RecipientResolution resolve(String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<AuthenticatedAccount> authenticate(String username, String password) {
            if (directoryDown) {
                throw new DirectoryUnavailableException("down", null);
            }
            return username.equals("alice@example.test") && password.equals("right")
                    ? Optional.of(new AuthenticatedAccount("alice@example.test", List.of("alice@example.test")))
                    : Optional.empty();
        }
    };
    private final DirectoryAuthHook hook = new DirectoryAuthHook(directory,
            new AuthThrottle(Duration.ofMillis(100), Duration.ofSeconds(1), 10, 3, Duration.ofMinutes(5), Duration.ofMinutes(15),
                    Clock.systemUTC()),
            sleeps::add);

    @Test
    void authenticatesTheSessionAndAllowsItToRelay() {
        SMTPSession session = TestSessions.tls("192.0.2.1");
        var result = hook.doAuth(session, Username.of("alice@example.test"), "right");
        assertThat(result.getSmtpRetCode()).isEqualTo("235");
        assertThat(result.getSmtpDescription()).startsWith("2.7.0");
        assertThat(session.getUsername().asString()).isEqualTo("alice@example.test");
        assertThat(session.isRelayingAllowed()).isTrue();
        assertThat(SessionAccount.of(session)).isPresent();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void answers535_5_7_8AfterAGrowingDelayForWrongPasswords() {
        SMTPSession session = TestSessions.tls("192.0.2.1");
        var first = hook.doAuth(session, Username.of("alice@example.test"), "wrong");
        hook.doAuth(session, Username.of("alice@example.test"), "wrong");
        assertThat(first.getSmtpRetCode()).isEqualTo("535");
        assertThat(first.getSmtpDescription()).startsWith("5.7.8");
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(session.getUsername()).isNull();
        assertThat(session.isRelayingAllowed()).isFalse();
    }

    @Test
    void refusesEvenTheRightPasswordWhileTheAccountIsLocked() {
        SMTPSession session = TestSessions.tls("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            hook.doAuth(session, Username.of("alice@example.test"), "wrong");
        }
        var locked = hook.doAuth(session, Username.of("alice@example.test"), "right");
        assertThat(locked.getSmtpRetCode()).isEqualTo("535");
        assertThat(session.getUsername()).isNull();
    }

    @Test
    void answersTemporarilyWhenTheDirectoryIsDown() {
        directoryDown = true;
        var result = hook.doAuth(TestSessions.tls("192.0.2.1"), Username.of("alice@example.test"), "right");
        assertThat(result.getSmtpRetCode()).isEqualTo("454");
        assertThat(result.getSmtpDescription()).startsWith("4.7.0");
    }
}

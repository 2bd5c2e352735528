package dev.kuvert.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.CredentialsCheck;
import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.contracts.directory.DkimKey;
import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.contracts.directory.RecipientResolution.Kind;
import dev.kuvert.contracts.directory.SenderRelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

class RecipientRouterTest {
    private final FakeDirectory directory = new FakeDirectory();
    private final MutableClock clock = new MutableClock();
    private final RecipientRouter router = new RecipientRouter(directory, Duration.ofSeconds(10), clock);

    @Test
    void anAccountShouldGoToItsMailboxAndAnAliasToEachDestination() {
        directory.answers.put("bob@x.test", new RecipientResolution("bob@x.test", Kind.ACCOUNT, true, List.of("bob@x.test"), List.of(), false));
        directory.answers.put("team@x.test", new RecipientResolution("team@x.test", Kind.ALIAS, true,
                List.of("bob@x.test", "carol@x.test"), List.of("friend@remote.example"), false));

        assertThat(targets("bob@x.test")).containsExactly("bob@x.test LOCAL");
        assertThat(targets("team@x.test")).containsExactly("bob@x.test LOCAL", "carol@x.test LOCAL", "friend@remote.example REMOTE");
    }

    @Test
    void anAddressOutsideOurDomainsShouldGoRemoteAndAnUnknownLocalOneFailForGood() {
        directory.answers.put("a@remote.example", new RecipientResolution("a@remote.example", Kind.UNKNOWN, false, List.of(), List.of(), false));
        directory.answers.put("ghost@x.test", new RecipientResolution("ghost@x.test", Kind.UNKNOWN, true, List.of(), List.of(), false));

        assertThat(targets("a@remote.example")).containsExactly("a@remote.example REMOTE");
        assertThat(router.route("ghost@x.test")).isInstanceOfSatisfying(RecipientRouter.Routing.Unroutable.class,
                u -> assertThat(u.outcome()).isInstanceOf(Outcome.Failed.class));
    }

    @Test
    void aDirectoryThatDoesNotAnswerShouldDeferAndNotBeRemembered() {
        directory.down = true;
        assertThat(router.route("bob@x.test")).isInstanceOfSatisfying(RecipientRouter.Routing.Unroutable.class,
                u -> assertThat(u.outcome()).isInstanceOf(Outcome.Deferred.class));

        directory.down = false;
        directory.answers.put("bob@x.test", new RecipientResolution("bob@x.test", Kind.ACCOUNT, true, List.of("bob@x.test"), List.of(), false));
        assertThat(targets("bob@x.test")).containsExactly("bob@x.test LOCAL");
    }

    @Test
    void answersShouldBeReusedForTheCacheTimeOnly() {
        directory.answers.put("bob@x.test", new RecipientResolution("bob@x.test", Kind.ACCOUNT, true, List.of("bob@x.test"), List.of(), false));
        router.route("bob@x.test");
        router.route("bob@x.test");
        assertThat(directory.asked).hasSize(1);

        clock.now = clock.now.plusSeconds(11);
        router.route("bob@x.test");
        assertThat(directory.asked).hasSize(2);
    }

    private List<String> targets(String address) {
        var routing = router.route(address);
        assertThat(routing).isInstanceOf(RecipientRouter.Routing.Targets.class);
        return ((RecipientRouter.Routing.Targets) routing).targets().stream().map(t -> t.address() + " " + t.route()).toList();
    }

    private static final class FakeDirectory implements DirectoryInternalClient {
        final Map<String, RecipientResolution> answers = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        boolean down;

        @Override
        public RecipientResolution resolve(String address) {
            asked.add(address);
            if (down) {
                throw new ResourceAccessException("connection refused");
            }
            return answers.get(address);
        }

        @Override
        public AuthenticatedAccount authenticate(CredentialsCheck credentials) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DkimKey dkimKey(String domain) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SenderRelay senderRelay(String domain) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

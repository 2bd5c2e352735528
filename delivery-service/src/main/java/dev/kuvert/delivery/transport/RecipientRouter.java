package dev.kuvert.delivery.transport;

import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.support.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Decides at delivery time where a recipient's mail goes, from what the directory knows now: an
 * account of ours goes to its mailbox, an alias to each of its destinations (local or remote), an
 * address in somebody else's domain to the remote transport. Unknown local addresses fail for good;
 * a directory that does not answer defers. Answers are reused for a few seconds, so that a burst of
 * mail for the same recipients does not ask the directory once per message.
 */
public final class RecipientRouter {
    private static final Logger log = LoggerFactory.getLogger(RecipientRouter.class);
    private static final int CACHE_LIMIT = 10_000;
    private final DirectoryInternalClient directory;
    private final ExpiringCache<String, RecipientResolution> cache;

    /**
     * @param cacheFor how long an answer of the directory is reused (a change of an alias or account
     *     reaches the queue after at most this long); zero to ask every time
     */
    public RecipientRouter(DirectoryInternalClient directory, Duration cacheFor, Clock clock) {
        this.directory = directory;
        this.cache = new ExpiringCache<>(cacheFor, CACHE_LIMIT, clock);
    }

    /** Where to deliver; {@link Routing.Unroutable} carries the failure when nowhere. */
    public sealed interface Routing {
        record Targets(List<Target> targets) implements Routing {}

        record Unroutable(Outcome outcome) implements Routing {}
    }

    public record Target(MailAddress address, Route route) {}

    public Routing route(String address) {
        RecipientResolution resolution;
        try {
            resolution = resolve(address);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND) || e.getStatusCode().isSameCodeAs(HttpStatus.UNPROCESSABLE_CONTENT)) {
                return new Routing.Unroutable(Outcome.failed("550 5.1.1 <" + address + ">: no such recipient here"));
            }
            log.warn("The directory refused to resolve {}: {}", address, e.getStatusCode());
            return new Routing.Unroutable(Outcome.deferred("451 4.3.0 the directory is not available"));
        } catch (RestClientException e) {
            log.warn("The directory is not available to resolve {}: {}", address, e.getMessage());
            return new Routing.Unroutable(Outcome.deferred("451 4.3.0 the directory is not available"));
        }
        if (resolution == null) {
            return new Routing.Unroutable(Outcome.deferred("451 4.3.0 the directory is not available"));
        }
        if (!resolution.localDomain()) {
            return new Routing.Targets(List.of(new Target(MailAddress.parse(address), Route.REMOTE)));
        }
        if (resolution.kind() == RecipientResolution.Kind.UNKNOWN) {
            return new Routing.Unroutable(Outcome.failed("550 5.1.1 <" + address + ">: no such recipient here"));
        }
        Set<Target> targets = new LinkedHashSet<>();
        for (String mailbox : nullSafe(resolution.mailboxes())) {
            targets.add(new Target(MailAddress.parse(mailbox), Route.LOCAL));
        }
        for (String external : nullSafe(resolution.external())) {
            targets.add(new Target(MailAddress.parse(external), Route.REMOTE));
        }
        if (targets.isEmpty()) {
            return new Routing.Unroutable(Outcome.failed("550 5.1.1 <" + address + ">: the address has no destination"));
        }
        return new Routing.Targets(new ArrayList<>(targets));
    }

    private RecipientResolution resolve(String address) {
        return cache.get(address, directory::resolve);
    }

    private static List<String> nullSafe(List<String> list) {
        return list == null ? List.of() : list;
    }
}

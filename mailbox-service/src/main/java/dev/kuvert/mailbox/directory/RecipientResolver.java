package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.contracts.directory.RecipientResolution.Kind;
import dev.kuvert.contracts.mail.MailAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Resolves a recipient the way Postfix's virtual maps do: an alias first, then an account, then
 * the address without its {@code +detail}, then the domain's catch-all; aliases expand recursively
 * into local mailboxes and remote addresses. The same expansion detects alias loops before an alias
 * is stored.
 */
@Component
class RecipientResolver {
    private static final Logger log = LoggerFactory.getLogger(RecipientResolver.class);
    static final int MAX_DEPTH = 16;
    private final Domains domains;
    private final Accounts accounts;
    private final Aliases aliases;

    RecipientResolver(Domains domains, Accounts accounts, Aliases aliases) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
    }

    RecipientResolution resolve(MailAddress address) {
        if (domains.find(address.domain()).isEmpty()) {
            return new RecipientResolution(address.toString(), Kind.UNKNOWN, false, List.of(), List.of(), false);
        }
        Expansion expansion = new Expansion(aliases::find);
        Kind kind;
        try {
            kind = expansion.expand(address, 0);
        } catch (AliasLoop loop) {
            log.warn("Alias loop while resolving {}; treating it as unknown", address);
            kind = Kind.UNKNOWN;
        }
        if (kind == Kind.UNKNOWN) {
            return new RecipientResolution(address.toString(), Kind.UNKNOWN, true, List.of(), List.of(), false);
        }
        List<String> mailboxes = List.copyOf(expansion.mailboxes);
        boolean overQuota = !mailboxes.isEmpty() && expansion.external.isEmpty()
                && mailboxes.stream().allMatch(m -> accounts.find(m).map(Accounts.Row::isFull).orElse(false));
        return new RecipientResolution(address.toString(), kind, true, mailboxes, List.copyOf(expansion.external), overQuota);
    }

    /**
     * Whether storing {@code candidate} (an alias address, {@code @domain} for a catch-all) with the
     * given destinations would create a loop.
     */
    boolean wouldLoop(String candidate, List<String> destinations) {
        Function<String, Optional<Aliases.Row>> withCandidate = address -> address.equals(candidate)
                ? Optional.of(new Aliases.Row(-1, candidate, "", destinations, null))
                : aliases.find(address);
        try {
            for (String destination : destinations) {
                new Expansion(withCandidate, candidate).expand(MailAddress.parse(destination), 1);
            }
            return false;
        } catch (AliasLoop loop) {
            return true;
        }
    }

    private static final class AliasLoop extends RuntimeException {
        AliasLoop() {
            super(null, null, false, false);
        }
    }

    private final class Expansion {
        final Function<String, Optional<Aliases.Row>> aliasLookup;
        final Deque<String> path = new ArrayDeque<>();
        final Set<String> mailboxes = new LinkedHashSet<>();
        final Set<String> external = new LinkedHashSet<>();

        Expansion(Function<String, Optional<Aliases.Row>> aliasLookup, String... onPath) {
            this.aliasLookup = aliasLookup;
            path.addAll(List.of(onPath));
        }

        Kind expand(MailAddress address, int depth) {
            if (depth > MAX_DEPTH) {
                throw new AliasLoop();
            }
            String text = address.toString();
            Optional<Aliases.Row> alias = aliasLookup.apply(text);
            if (alias.isPresent()) {
                follow(alias.get(), depth);
                return Kind.ALIAS;
            }
            if (accounts.find(text).isPresent()) {
                mailboxes.add(text);
                return Kind.ACCOUNT;
            }
            MailAddress base = address.withoutDetail();
            if (!base.equals(address)) {
                Kind kind = expand(base, depth + 1);
                if (kind != Kind.UNKNOWN) {
                    return kind;
                }
            }
            Optional<Aliases.Row> catchAll = aliasLookup.apply("@" + address.domain());
            if (catchAll.isPresent()) {
                follow(catchAll.get(), depth);
                return Kind.ALIAS;
            }
            return Kind.UNKNOWN;
        }

        private void follow(Aliases.Row alias, int depth) {
            if (path.contains(alias.address())) {
                throw new AliasLoop();
            }
            path.push(alias.address());
            for (String destination : alias.destinations()) {
                MailAddress target = MailAddress.parse(destination);
                if (domains.find(target.domain()).isEmpty()) {
                    external.add(destination);
                } else {
                    expand(target, depth + 1);
                }
            }
            path.pop();
        }
    }
}

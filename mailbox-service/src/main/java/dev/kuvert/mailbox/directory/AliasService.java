package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.Alias;
import dev.kuvert.contracts.directory.AliasRequest;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.support.ApiCaller;
import dev.kuvert.support.ApiProblem;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class AliasService {
    static final int MAX_DESTINATIONS = 100;
    private final Aliases aliases;
    private final Accounts accounts;
    private final Domains domains;
    private final DomainService domainService;
    private final RecipientResolver resolver;

    AliasService(Aliases aliases, Accounts accounts, Domains domains, DomainService domainService, RecipientResolver resolver) {
        this.aliases = aliases;
        this.accounts = accounts;
        this.domains = domains;
        this.domainService = domainService;
        this.resolver = resolver;
    }

    List<Alias> list(ApiCaller caller, String domain) {
        List<Aliases.Row> rows = domain == null || domain.isBlank()
                ? aliases.all()
                : aliases.inDomain(domainService.require(caller, domain).name());
        return rows.stream().filter(a -> caller.canManage(a.domain())).map(AliasService::view).toList();
    }

    Alias get(ApiCaller caller, String address) {
        return view(require(caller, address));
    }

    @Transactional
    Alias create(ApiCaller caller, AliasRequest request) {
        String address = canonicalAliasAddress(request.address());
        String domainName = address.substring(address.indexOf('@') + 1);
        if (!caller.canManage(domainName)) {
            throw ApiProblem.forbidden("You may not manage the domain '" + domainName + "'.");
        }
        Domains.Row domain = domainService.require(caller, domainName);
        List<String> destinations = destinations(request.destinations());
        if (aliases.find(address).isPresent()) {
            throw ApiProblem.conflict("The alias '" + address + "' exists already.");
        }
        if (accounts.find(address).isPresent()) {
            throw ApiProblem.conflict("'" + address + "' is an account already.");
        }
        if (resolver.wouldLoop(address, destinations)) {
            throw ApiProblem.invalid("destinations", "These destinations would make the alias deliver to itself (an alias loop).");
        }
        try {
            aliases.insert(domain.id(), address, destinations);
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.conflict("The alias '" + address + "' exists already.");
        }
        return view(aliases.find(address).orElseThrow());
    }

    @Transactional
    void delete(ApiCaller caller, String address) {
        aliases.delete(require(caller, address).id());
    }

    private List<String> destinations(List<String> input) {
        if (input == null || input.isEmpty()) {
            throw ApiProblem.invalid("destinations", "An alias needs at least one destination.");
        }
        if (input.size() > MAX_DESTINATIONS) {
            throw ApiProblem.invalid("destinations", "An alias has at most " + MAX_DESTINATIONS + " destinations.");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String destination : input) {
            MailAddress parsed = Validation.address("destinations", destination);
            if (domains.find(parsed.domain()).isPresent() && resolver.resolve(parsed).kind()
                    == dev.kuvert.contracts.directory.RecipientResolution.Kind.UNKNOWN) {
                throw ApiProblem.invalid("destinations", "'" + parsed + "' is in a local domain but is no account or alias.");
            }
            unique.add(parsed.toString());
        }
        return List.copyOf(unique);
    }

    private Aliases.Row require(ApiCaller caller, String address) {
        String canonical;
        try {
            canonical = canonicalAliasAddress(address);
        } catch (ApiProblem invalid) {
            throw ApiProblem.notFound("No alias '" + address + "'.");
        }
        Aliases.Row row = aliases.find(canonical).orElseThrow(() -> ApiProblem.notFound("No alias '" + address + "'."));
        caller.requireDomain(row.domain(), "No alias '" + address + "'.");
        return row;
    }

    /** {@code local@domain}, or {@code @domain} for a catch-all. */
    private static String canonicalAliasAddress(String input) {
        if (input != null && input.strip().startsWith("@")) {
            return "@" + Validation.domain("address", input.strip().substring(1));
        }
        return Validation.address("address", input).toString();
    }

    private static Alias view(Aliases.Row row) {
        return new Alias(row.address(), row.domain(), row.catchAll(), row.destinations(), row.createdAt());
    }
}

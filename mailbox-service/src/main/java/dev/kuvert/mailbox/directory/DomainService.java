package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.DnsRecord;
import dev.kuvert.contracts.directory.Domain;
import dev.kuvert.contracts.mail.DomainName;
import dev.kuvert.mailbox.dkim.DkimKeys;
import dev.kuvert.mailbox.dns.DnsGuidance;
import dev.kuvert.support.ApiCaller;
import dev.kuvert.support.ApiProblem;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class DomainService {
    private final Domains domains;
    private final DkimKeys dkimKeys;
    private final DnsGuidance dnsGuidance;

    DomainService(Domains domains, DkimKeys dkimKeys, DnsGuidance dnsGuidance) {
        this.domains = domains;
        this.dkimKeys = dkimKeys;
        this.dnsGuidance = dnsGuidance;
    }

    List<Domain> list(ApiCaller caller) {
        return domains.all().stream().filter(d -> caller.canManage(d.name())).map(this::view).toList();
    }

    Domain get(ApiCaller caller, String name) {
        return view(require(caller, name));
    }

    @Transactional
    Domain create(ApiCaller caller, String name) {
        caller.requireSuperAdmin();
        String ascii = Validation.domain("name", name);
        if (domains.find(ascii).isPresent()) {
            throw ApiProblem.conflict("The domain '" + ascii + "' exists already.");
        }
        long id;
        try {
            id = domains.insert(ascii, DomainName.toUnicode(ascii));
        } catch (DuplicateKeyException raced) {
            throw ApiProblem.conflict("The domain '" + ascii + "' exists already.");
        }
        dkimKeys.createFor(id);
        return view(domains.find(ascii).orElseThrow());
    }

    @Transactional
    void delete(ApiCaller caller, String name, boolean force) {
        Domains.Row domain = require(caller, name);
        caller.requireSuperAdmin();
        if (!force && (domain.accounts() > 0 || domain.aliases() > 0)) {
            throw ApiProblem.conflict("The domain '" + domain.name() + "' still has " + domain.accounts() + " account(s) and "
                    + domain.aliases() + " alias(es); delete them first or use ?force=true.");
        }
        domains.delete(domain.id());
    }

    List<DnsRecord> dnsRecords(ApiCaller caller, String name) {
        Domains.Row domain = require(caller, name);
        return dnsGuidance.recordsFor(domain.name(), dkimKeys.publicKey(domain.id()).orElse(null));
    }

    Domains.Row require(ApiCaller caller, String name) {
        String ascii = Validation.domainOrNotFound(name);
        caller.requireDomain(ascii, "No domain '" + name + "'.");
        return domains.find(ascii).orElseThrow(() -> ApiProblem.notFound("No domain '" + name + "'."));
    }

    /** For the other services (no administrator's scope): a domain of ours, or 404. */
    Domains.Row requireLocal(String name) {
        return domains.find(Validation.domainOrNotFound(name)).orElseThrow(() -> ApiProblem.notFound("No local domain '" + name + "'."));
    }

    private Domain view(Domains.Row row) {
        String selector = dkimKeys.publicKey(row.id()).map(DkimKeys.PublicKeyRecord::selector).orElse(null);
        return new Domain(row.name(), row.displayName(), selector, row.accounts(), row.aliases(), row.createdAt());
    }
}

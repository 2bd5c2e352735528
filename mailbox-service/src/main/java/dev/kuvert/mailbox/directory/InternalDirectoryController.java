package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.AuthenticatedAccount;
import dev.kuvert.contracts.directory.CredentialsCheck;
import dev.kuvert.contracts.directory.DkimKey;
import dev.kuvert.contracts.directory.RecipientResolution;
import dev.kuvert.contracts.directory.SenderRelay;
import dev.kuvert.contracts.mail.MailAddress;
import dev.kuvert.mailbox.dkim.DkimKeys;
import dev.kuvert.support.ApiProblem;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The directory as the other services see it (service credential required, never routed by the gateway). */
@Hidden
@RestController
@RequestMapping("/internal/v1")
class InternalDirectoryController {
    private final AccountService accounts;
    private final RecipientResolver resolver;
    private final DomainService domains;
    private final DkimKeys dkimKeys;
    private final DomainRelayService relays;

    InternalDirectoryController(AccountService accounts, RecipientResolver resolver, DomainService domains, DkimKeys dkimKeys,
            DomainRelayService relays) {
        this.accounts = accounts;
        this.resolver = resolver;
        this.domains = domains;
        this.dkimKeys = dkimKeys;
        this.relays = relays;
    }

    @PostMapping("/authenticate")
    AuthenticatedAccount authenticate(@RequestBody CredentialsCheck credentials) {
        return accounts.authenticate(credentials.username(), credentials.password())
                .orElseThrow(() -> ApiProblem.unauthorized("Invalid credentials."));
    }

    @GetMapping("/recipients/{address}")
    RecipientResolution resolve(@PathVariable String address) {
        return resolver.resolve(Validation.address("address", address));
    }

    @GetMapping("/dkim-keys/{domain}")
    DkimKey dkimKey(@PathVariable String domain) {
        Domains.Row row = domains.requireLocal(domain);
        return dkimKeys.signingKey(row.id(), row.name()).orElseThrow(() -> ApiProblem.notFound("No DKIM key for '" + domain + "'."));
    }

    @GetMapping("/sender-relays/{domain}")
    SenderRelay senderRelay(@PathVariable String domain) {
        return relays.senderRelay(domain);
    }
}

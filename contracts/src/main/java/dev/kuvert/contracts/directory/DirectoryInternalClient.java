package dev.kuvert.contracts.directory;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** mailbox-service's endpoints for the other services; they require the service credential. */
@HttpExchange("/internal/v1")
public interface DirectoryInternalClient {
    /** 200 with the account, or 401 problem when the credentials are wrong or the account is disabled. */
    @PostExchange("/authenticate")
    AuthenticatedAccount authenticate(@RequestBody CredentialsCheck credentials);

    @GetExchange("/recipients/{address}")
    RecipientResolution resolve(@PathVariable String address);

    /** 200 with the key, 404 when the domain is not local. */
    @GetExchange("/dkim-keys/{domain}")
    DkimKey dkimKey(@PathVariable String domain);

    /** 200 with the domain's own smarthost, 404 when the domain is not local or has none (then the global one applies). */
    @GetExchange("/sender-relays/{domain}")
    SenderRelay senderRelay(@PathVariable String domain);
}

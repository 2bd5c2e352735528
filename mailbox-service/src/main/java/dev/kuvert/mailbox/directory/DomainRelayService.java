package dev.kuvert.mailbox.directory;

import dev.kuvert.contracts.directory.DomainRelay;
import dev.kuvert.contracts.directory.DomainRelayRequest;
import dev.kuvert.contracts.directory.RelayTls;
import dev.kuvert.contracts.directory.SenderRelay;
import dev.kuvert.support.ApiCaller;
import dev.kuvert.support.ApiProblem;
import java.util.Locale;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A domain's own smarthost (a sender-dependent relay): all outbound mail whose envelope sender is in the domain goes
 * through it instead of the global one or the recipients' mail exchangers. An administrator of the domain manages it;
 * the API never shows the password, delivery-service gets it in clear through the internal endpoint.
 */
@Service
class DomainRelayService {
    private static final int SUBMISSIONS_PORT = 465;
    private static final int MAX_CREDENTIAL = 255;
    private final DomainService domains;
    private final DomainRelays relays;

    DomainRelayService(DomainService domains, DomainRelays relays) {
        this.domains = domains;
        this.relays = relays;
    }

    /** The relay and whether the request created it (rather than replaced one). */
    record Saved(DomainRelay relay, boolean created) {}

    DomainRelay get(ApiCaller caller, String name) {
        Domains.Row domain = domains.require(caller, name);
        return view(domain, require(domain));
    }

    @Transactional
    Saved put(ApiCaller caller, String name, DomainRelayRequest request) {
        Domains.Row domain = domains.require(caller, name);
        DomainRelays.Settings settings = settings(request);
        boolean created;
        try {
            created = relays.save(domain.id(), settings);
        } catch (DuplicateKeyException raced) {
            created = relays.save(domain.id(), settings);
        } catch (DataIntegrityViolationException gone) {
            throw notFound(name);
        }
        return new Saved(view(domain, relays.find(domain.id()).orElseThrow()), created);
    }

    @Transactional
    void delete(ApiCaller caller, String name) {
        Domains.Row domain = domains.require(caller, name);
        if (!relays.delete(domain.id())) {
            throw noRelay(domain);
        }
    }

    /** For delivery-service: the relay with its password in clear; 404 when the domain is not ours or has none. */
    SenderRelay senderRelay(String name) {
        Domains.Row domain = domains.requireLocal(name);
        DomainRelays.Row relay = require(domain);
        return new SenderRelay(domain.name(), relay.host(), relay.port(), relay.tls(), relay.username(), relays.password(relay));
    }

    private DomainRelays.Row require(Domains.Row domain) {
        return relays.find(domain.id()).orElseThrow(() -> noRelay(domain));
    }

    private static DomainRelays.Settings settings(DomainRelayRequest request) {
        String host = Validation.host("host", request.host());
        int port = request.port();
        RelayTls tls = request.tls() == null
                ? (port == SUBMISSIONS_PORT ? RelayTls.IMPLICIT : RelayTls.STARTTLS)
                : RelayTls.valueOf(request.tls().toUpperCase(Locale.ROOT));
        String username = Validation.line("username", request.username(), MAX_CREDENTIAL);
        String password = Validation.line("password", request.password(), MAX_CREDENTIAL);
        if (username != null && password == null) {
            throw ApiProblem.invalid("password", "A username needs a password.");
        }
        if (password != null && username == null) {
            throw ApiProblem.invalid("username", "A password needs a username.");
        }
        if (username != null && tls == RelayTls.NONE) {
            throw ApiProblem.invalid("tls", "Credentials are never sent in clear: use starttls or implicit with a username and password.");
        }
        return new DomainRelays.Settings(host, port, tls, username, password);
    }

    private static DomainRelay view(Domains.Row domain, DomainRelays.Row relay) {
        return new DomainRelay(domain.name(), relay.host(), relay.port(), relay.tls(), relay.username(), relay.sealedPassword() != null,
                relay.updatedAt());
    }

    private static ApiProblem notFound(String name) {
        return ApiProblem.notFound("No domain '" + name + "'.");
    }

    private static ApiProblem noRelay(Domains.Row domain) {
        return ApiProblem.notFound("The domain '" + domain.name() + "' has no relay of its own.");
    }
}

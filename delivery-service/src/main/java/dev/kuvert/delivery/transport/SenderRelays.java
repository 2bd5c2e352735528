package dev.kuvert.delivery.transport;

import dev.kuvert.contracts.directory.DirectoryInternalClient;
import dev.kuvert.contracts.directory.SenderRelay;
import dev.kuvert.delivery.directory.DomainAnswers;
import dev.kuvert.delivery.transport.smtp.Smarthost;
import dev.kuvert.delivery.transport.smtp.Smarthosts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Sender-dependent relaying: mail whose envelope sender is in a domain of ours with a relay of its own
 * ({@code GET /internal/v1/sender-relays/{domain}}, kept for a while) goes through that relay; all other mail, and
 * bounces (the null sender), through the global smarthost, or to the recipients' mail exchangers when there is none.
 * When the directory cannot say, nothing is decided: the attempt is deferred rather than sent another way.
 */
public final class SenderRelays implements Smarthosts {
    private final DomainAnswers<Smarthost> relays;
    private final Smarthost global;

    /**
     * @param global the global smarthost, or null
     * @param verifyCertificates whether the certificates of the domains' relays must be valid for their names
     */
    public SenderRelays(DirectoryInternalClient directory, Smarthost global, boolean verifyCertificates, Clock clock, Duration keepFor) {
        this.global = global;
        this.relays = new DomainAnswers<>("the relay",
                name -> Optional.ofNullable(directory.senderRelay(name)).map(r -> smarthost(r, verifyCertificates)), clock, keepFor);
    }

    @Override
    public Optional<Smarthost> forSender(String sender) {
        int at = sender == null ? -1 : sender.lastIndexOf('@');
        if (at < 0 || at == sender.length() - 1) {
            return Optional.ofNullable(global);
        }
        return relays.get(sender.substring(at + 1)).or(() -> Optional.ofNullable(global));
    }

    private static Smarthost smarthost(SenderRelay relay, boolean verifyCertificate) {
        Smarthost.Tls tls = switch (relay.tls()) {
            case IMPLICIT -> Smarthost.Tls.IMPLICIT;
            case STARTTLS -> Smarthost.Tls.STARTTLS;
            case NONE -> Smarthost.Tls.NONE;
        };
        boolean authenticates = relay.username() != null && !relay.username().isEmpty();
        return new Smarthost(relay.host(), relay.port(), tls, verifyCertificate, authenticates ? relay.username() : null,
                authenticates ? relay.password() : null);
    }
}

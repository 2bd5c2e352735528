package dev.kuvert.delivery.transport.smtp;

import java.util.Optional;

/** Which smarthost takes the mail of a sender; empty: the recipients' mail exchangers (direct delivery). */
@FunctionalInterface
public interface Smarthosts {
    /** @throws RuntimeException when it cannot be told now: the attempt is deferred, never delivered directly instead */
    Optional<Smarthost> forSender(String sender);

    /** The same smarthost, or none, for every sender. */
    static Smarthosts fixed(Smarthost smarthost) {
        return sender -> Optional.ofNullable(smarthost);
    }
}

package dev.kuvert.delivery.transport.smtp;

import dev.kuvert.delivery.transport.Delivery;

/** Adds a signature to outbound mail (DKIM): a header field to put in front of the message, or null for none. */
@FunctionalInterface
public interface MessageSigner {
    /** @return a complete header field ending in CRLF, or null */
    String signatureHeader(Delivery delivery);

    MessageSigner NONE = delivery -> null;
}

package dev.kuvert.contracts.store;

/**
 * mailbox-service's internal local-delivery endpoint, used by delivery-service (service credential required):
 *
 * <pre>
 * POST /internal/v1/accounts/{address}/messages?queueId=...&amp;folder=INBOX
 * Content-Type: message/rfc822                               (the message bytes, streamed)
 * X-Kuvert-Envelope-Sender: sender@example.org               (empty for the null sender)
 * → 201 Delivered            stored (body fsynced, metadata committed)
 * → 200 Delivered            duplicate: this queueId was delivered to this account before; stored once
 * → 404 problem              no such account                      (permanent: 550 5.1.1)
 * → 507 problem              the account is over its quota         (permanent: 552 5.2.2)
 * → 5xx / no answer          temporary; retry later
 * </pre>
 */
public final class LocalDeliveryEndpoint {
    public static final String PATH = "/internal/v1/accounts/{address}/messages";
    public static final String ENVELOPE_SENDER_HEADER = "X-Kuvert-Envelope-Sender";

    private LocalDeliveryEndpoint() {}
}

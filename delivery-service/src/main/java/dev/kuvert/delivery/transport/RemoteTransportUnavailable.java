package dev.kuvert.delivery.transport;

/**
 * Stands in for the SMTP transport until it exists: remote recipients stay in the queue, deferred
 * on the retry schedule, so that nothing is lost or bounced by a missing transport.
 */
final class RemoteTransportUnavailable implements Transport {
    static final String RESPONSE = "451 4.4.0 remote delivery not available yet";

    @Override
    public Outcome deliver(Delivery delivery) {
        return Outcome.deferred(RESPONSE);
    }
}

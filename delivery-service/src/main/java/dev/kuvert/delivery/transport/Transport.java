package dev.kuvert.delivery.transport;

/**
 * Delivers one message to one recipient at the next hop. Implementations never throw for a failure
 * of the next hop: they answer {@link Outcome.Deferred} or {@link Outcome.Failed}. They are called
 * concurrently and must be idempotent per queue id and recipient as far as the next hop allows,
 * because an attempt whose outcome was lost (a crash) is made again.
 */
public interface Transport {
    Outcome deliver(Delivery delivery);
}

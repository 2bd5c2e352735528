package dev.kuvert.delivery.transport;

/**
 * One recipient's delivery attempt as a transport sees it.
 *
 * @param sender the envelope sender, empty for the null sender
 * @param recipient the address to deliver to (already resolved: an account for {@link Route#LOCAL})
 * @param blobKey the message body in the spool
 * @param authenticatedAccount the account that submitted the message, or null when it came in as MX (never signed)
 */
public record Delivery(String queueId, String sender, String recipient, String blobKey, long sizeBytes, String authenticatedAccount) {}

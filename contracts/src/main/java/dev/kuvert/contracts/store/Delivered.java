package dev.kuvert.contracts.store;

/**
 * mailbox-service's answer to a local delivery.
 *
 * @param duplicate true when this queue id was already delivered to this account: nothing was stored again
 */
public record Delivered(String account, String folder, long uid, boolean duplicate) {}

package dev.kuvert.contracts.queue;

/** delivery-service's answer once a message is durably queued: committed to the database and its body fsynced. */
public record Queued(String queueId) {}

package dev.kuvert.mailbox.directory;

/** Published inside the transaction that creates an account, so that its folders are created with it. */
public record AccountCreated(long accountId, String address) {}

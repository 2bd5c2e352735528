package dev.kuvert.mailbox.store;

/** A folder (IMAP mailbox) of an account. */
public record Folder(long id, long accountId, String name, String specialUse, long uidValidity, long uidNext, long highestModseq) {}

package dev.kuvert.mailbox.store;

/** Published after a folder's contents changed (a message arrived, was expunged or changed flags). */
public record FolderChanged(long accountId, long folderId) {}

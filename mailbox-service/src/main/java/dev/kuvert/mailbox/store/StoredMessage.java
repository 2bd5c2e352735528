package dev.kuvert.mailbox.store;

import java.time.Instant;

/** A message's metadata; its bytes are the blob {@code blobId}. */
public record StoredMessage(long id, long folderId, long uid, long modseq, String blobId, long size, Instant internalDate, int flags) {}

package dev.kuvert.delivery.spool;

import java.io.IOException;

/** The content was longer than the limit the writer gave; nothing was stored. */
public class BlobTooLargeException extends IOException {
    private final long limit;

    public BlobTooLargeException(long limit) {
        super("the content is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}

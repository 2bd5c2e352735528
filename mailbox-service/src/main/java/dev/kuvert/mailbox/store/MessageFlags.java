package dev.kuvert.mailbox.store;

/** IMAP system flags as the bits of {@code messages.flags}. */
public final class MessageFlags {
    public static final int SEEN = 1;
    public static final int ANSWERED = 1 << 1;
    public static final int FLAGGED = 1 << 2;
    public static final int DELETED = 1 << 3;
    public static final int DRAFT = 1 << 4;
    public static final int RECENT = 1 << 5;

    private MessageFlags() {}
}

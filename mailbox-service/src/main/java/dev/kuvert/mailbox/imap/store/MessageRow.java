package dev.kuvert.mailbox.imap.store;

import dev.kuvert.mailbox.store.MessageFlags;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.mail.Flags;

/** A row of {@code messages} as the IMAP adapter reads it. */
record MessageRow(long id, long folderId, long uid, long modseq, String blobId, long size, Instant internalDate, int flags,
        String userFlags, String messageId) {

    /**
     * The internal date comes as epoch milliseconds: the driver's TIMESTAMP decoding (through a Calendar) cost as much
     * as all the other columns of a FETCH together.
     */
    static final String COLUMNS = "id, folder_id, uid, modseq, blob_id, size, CAST(UNIX_TIMESTAMP(internal_date) * 1000 AS SIGNED), flags,"
            + " user_flags, message_id";

    Flags createFlags() {
        return toFlags(flags, userFlags);
    }

    static Flags toFlags(int bits, String userFlags) {
        Flags result = new Flags();
        if ((bits & MessageFlags.SEEN) != 0) {
            result.add(Flags.Flag.SEEN);
        }
        if ((bits & MessageFlags.ANSWERED) != 0) {
            result.add(Flags.Flag.ANSWERED);
        }
        if ((bits & MessageFlags.FLAGGED) != 0) {
            result.add(Flags.Flag.FLAGGED);
        }
        if ((bits & MessageFlags.DELETED) != 0) {
            result.add(Flags.Flag.DELETED);
        }
        if ((bits & MessageFlags.DRAFT) != 0) {
            result.add(Flags.Flag.DRAFT);
        }
        if ((bits & MessageFlags.RECENT) != 0) {
            result.add(Flags.Flag.RECENT);
        }
        if (userFlags != null && !userFlags.isBlank()) {
            Arrays.stream(userFlags.split(" ")).filter(f -> !f.isEmpty()).forEach(result::add);
        }
        return result;
    }

    static int bits(Flags flags) {
        int bits = 0;
        bits |= flags.contains(Flags.Flag.SEEN) ? MessageFlags.SEEN : 0;
        bits |= flags.contains(Flags.Flag.ANSWERED) ? MessageFlags.ANSWERED : 0;
        bits |= flags.contains(Flags.Flag.FLAGGED) ? MessageFlags.FLAGGED : 0;
        bits |= flags.contains(Flags.Flag.DELETED) ? MessageFlags.DELETED : 0;
        bits |= flags.contains(Flags.Flag.DRAFT) ? MessageFlags.DRAFT : 0;
        bits |= flags.contains(Flags.Flag.RECENT) ? MessageFlags.RECENT : 0;
        return bits;
    }

    /** User flags (keywords) as stored: space separated, sorted, or null for none. */
    static String userFlags(Flags flags) {
        String joined = Arrays.stream(flags.getUserFlags()).sorted().collect(Collectors.joining(" "));
        return joined.isEmpty() ? null : joined;
    }
}

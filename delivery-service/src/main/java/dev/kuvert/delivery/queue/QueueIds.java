package dev.kuvert.delivery.queue;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Queue ids: 20 characters of Crockford base32, the first 10 the millisecond of arrival (so ids sort
 * by time, as Postfix's long queue ids do), the last 10 random (50 bits), so that any number of
 * instances can mint them without coordination. They double as blob keys.
 */
final class QueueIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int LENGTH = 20;

    private QueueIds() {}

    static String next(Instant now) {
        char[] id = new char[LENGTH];
        encode(now.toEpochMilli(), id, 0);
        encode(RANDOM.nextLong(), id, 10);
        return new String(id);
    }

    private static void encode(long value, char[] target, int offset) {
        for (int i = 9; i >= 0; i--) {
            target[offset + i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
    }
}

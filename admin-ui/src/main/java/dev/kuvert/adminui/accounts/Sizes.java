package dev.kuvert.adminui.accounts;

import java.util.Locale;

/** Storage sizes as administrators read them: binary units, at most one decimal. */
final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {}

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (value >= 1023.95 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + UNITS[unit];
    }

    /** The quota column: a quota of 0 is the platform default. */
    static String quota(long quotaBytes) {
        return quotaBytes <= 0 ? "default" : format(quotaBytes);
    }

    /** The usage column: bytes used and, when there is a quota, the share of it. */
    static String usage(long usedBytes, long quotaBytes) {
        if (quotaBytes <= 0) {
            return format(usedBytes);
        }
        long percent = Math.round(100.0 * usedBytes / quotaBytes);
        return format(usedBytes) + " (" + percent + " %)";
    }
}

package dev.numgrad.cli;

import java.util.Locale;

/** Byte counts for people: "12.3 GiB", and a heap size to suggest. */
final class Bytes {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private Bytes() {
    }

    /** E.g. "12.3 GiB", "640.0 MiB". */
    static String format(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
    }

    /** A -Xmx value with a quarter to spare over {@code bytes}, in whole GiB: "16g". */
    static String suggestHeap(long bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.25 / GIB)) + "g";
    }
}

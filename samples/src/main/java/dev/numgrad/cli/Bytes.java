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

    /**
     * "needs ~X, heap is Y" with X and Y written precisely enough to differ: with one decimal, a
     * request just over a 64 MiB heap would read "needs ~64.0 MiB, heap is 64.0 MiB".
     */
    static String exceeds(long needed, long heap) {
        for (int decimals = 1; decimals <= 6; decimals++) {
            String need = format(needed, decimals);
            String have = format(heap, decimals);
            if (!need.equals(have)) {
                return "needs ~" + need + ", heap is " + have;
            }
        }
        return String.format(Locale.ROOT, "needs %,d bytes, heap is %,d bytes", needed, heap);
    }

    private static String format(long bytes, int decimals) {
        boolean gib = bytes >= GIB;
        return String.format(Locale.ROOT, "%." + decimals + "f %s", bytes / (double) (gib ? GIB : MIB),
                gib ? "GiB" : "MiB");
    }

    /** A -Xmx value with a quarter to spare over {@code bytes}, in whole GiB: "16g". */
    static String suggestHeap(long bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.25 / GIB)) + "g";
    }
}

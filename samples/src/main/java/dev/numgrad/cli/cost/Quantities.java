package dev.numgrad.cli.cost;

import java.util.Locale;

/** How {@code numgrad cost} writes times, ratios and errors for people (the CSV keeps full precision). */
final class Quantities {

    private Quantities() {
    }

    /**
     * A duration in the unit that reads best, three significant digits: "3.21 µs", "241 ms",
     * "12.7 s", "29.0 min", "2.40 h", "3.10 days".
     */
    static String time(double seconds) {
        if (seconds < 1e-3) {
            return sig3(seconds * 1e6) + " µs";
        }
        if (seconds < 1) {
            return sig3(seconds * 1e3) + " ms";
        }
        if (seconds < 120) {
            return sig3(seconds) + " s";
        }
        if (seconds < 2 * 3600) {
            return sig3(seconds / 60) + " min";
        }
        if (seconds < 2 * 86400) {
            return sig3(seconds / 3600) + " h";
        }
        return sig3(seconds / 86400) + " days";
    }

    /** A factor: "1.5×", "66×", "473,000×" (three significant digits, grouped). */
    static String ratio(double ratio) {
        return factor(ratio) + "×";
    }

    /** A factor as a number, for prose: "1.5", "66", "473,000". */
    static String factor(double ratio) {
        if (ratio < 10) {
            return String.format(Locale.ROOT, "%.1f", ratio);
        }
        return String.format(Locale.ROOT, "%,.0f", roundToSignificant(ratio, 3));
    }

    /** An error: "1.1e-12". */
    static String error(double error) {
        return String.format(Locale.ROOT, "%.1e", error);
    }

    /** A count with grouping: "1,009,660". */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static String sig3(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static double roundToSignificant(double value, int digits) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        double magnitude = Math.pow(10, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
        return Math.round(value * magnitude) / magnitude;
    }
}

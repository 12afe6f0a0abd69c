package dev.numgrad;

import java.util.Locale;

/**
 * Counts in messages: "1 step", "2 steps", "1,000 coordinates". One place decides the plural, so
 * that no message says "after 1 steps" or "1 parameters".
 */
public final class Words {

    private Words() {
    }

    /**
     * {@code n} and the noun, plural unless n is exactly 1, with thousands separators.
     *
     * @param n the count
     * @param singular the noun for one, e.g. "step"; the plural adds "s"
     * @return e.g. "1 step", "0 steps", "12,345 steps"
     */
    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /**
     * As {@link #count(long, String)}, for a noun whose plural is not "s" added.
     *
     * @param n the count
     * @param singular the noun for one, e.g. "matrix"
     * @param plural the noun for any other count, e.g. "matrices"
     * @return e.g. "1 matrix", "3 matrices"
     */
    public static String count(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }

    /**
     * The noun alone, in the form that goes with {@code n}: for counts formatted elsewhere.
     *
     * @param n the count
     * @param singular the noun for one; the plural adds "s"
     * @return {@code singular} when n is 1, else {@code singular + "s"}
     */
    public static String noun(long n, String singular) {
        return n == 1 ? singular : singular + "s";
    }
}

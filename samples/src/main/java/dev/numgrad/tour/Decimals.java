package dev.numgrad.tour;

import java.util.Locale;

/** Numbers as a lesson prints them: short, and the same on every machine (Locale.ROOT). */
final class Decimals {

    private Decimals() {
    }

    /** At most four significant digits, no trailing zeros: 1.5, 6.75, 364, 0.0001. */
    static String brief(double v) {
        double value = v == 0 ? 0 : v; // no "-0"
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        String text = String.format(Locale.ROOT, "%.4g", value);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + "e" + Integer.parseInt(text.substring(exponent + 1));
    }

    /** A point of the plane: (3, 4). */
    static String point(double x0, double x1) {
        return "(" + brief(x0) + ", " + brief(x1) + ")";
    }
}

package dev.numgrad.cli;

import java.util.Locale;

/**
 * Builds one line of JSON, field by field, in insertion order. Enough for the flat result
 * records of the command line; no dependency for it.
 */
final class JsonLine {

    private final StringBuilder text = new StringBuilder("{");

    JsonLine add(String name, String value) {
        key(name);
        if (value == null) {
            text.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    JsonLine add(String name, long value) {
        key(name);
        text.append(value);
        return this;
    }

    /** NaN and ±∞ have no JSON spelling and are written as null. */
    JsonLine add(String name, double value) {
        key(name);
        text.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    /** @param values Not modified. */
    JsonLine add(String name, long[] values) {
        key(name);
        text.append('[');
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        text.append(']');
        return this;
    }

    @Override
    public String toString() {
        return text + "}";
    }

    private void key(String name) {
        if (text.length() > 1) {
            text.append(',');
        }
        quote(name);
        text.append(':');
    }

    private void quote(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}

package dev.numgrad.check;

import java.util.Locale;

/**
 * A minimal streaming JSON writer for {@link CheckReport#toJson()}: the engine takes no JSON
 * dependency for one flat document. Commas are placed by tracking whether the current container
 * has an entry yet.
 */
final class Json {

    private final StringBuilder text = new StringBuilder();
    /** Whether the innermost open container already holds an entry; one bit per depth. */
    private long started;
    private int depth;

    Json open(char bracket) {
        text.append(bracket);
        depth++;
        started &= ~(1L << depth);
        return this;
    }

    Json close(char bracket) {
        text.append(bracket);
        depth--;
        return this;
    }

    /** Starts an object member: the comma if needed, then {@code "name":}. */
    Json field(String name) {
        element();
        quote(name);
        text.append(':');
        return this;
    }

    /** Starts an array element: the comma if needed. */
    Json element() {
        if ((started & (1L << depth)) != 0) {
            text.append(',');
        }
        started |= 1L << depth;
        return this;
    }

    Json string(String value) {
        quote(value);
        return this;
    }

    Json number(long value) {
        text.append(value);
        return this;
    }

    /** NaN and ±∞ have no JSON spelling and are written as null. */
    Json number(double value) {
        text.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
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
                default -> text.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        text.append('"');
    }
}

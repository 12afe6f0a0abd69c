package dev.numgrad.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How the gradient is computed: the engine's two numeric modes, or the loss's exact gradient. */
enum Mode {
    /** Every coordinate re-evaluates the whole loss at perturbed points. */
    BLACKBOX("blackbox"),
    /** Every coordinate evaluates f(x + s·eᵢ) − f(x) from the terms that change. */
    DELTA("delta"),
    /** The loss's analytic or backpropagated gradient: the reference, not a finite difference. */
    BACKPROP("backprop");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /** How the mode is written on the command line and in the output. */
    String label() {
        return label;
    }

    /** Reads a label, case-insensitive; lists the labels for completion and in its error. */
    static final class Converter implements ITypeConverter<Mode>, Iterable<String> {
        @Override
        public Mode convert(String value) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            for (Mode mode : values()) {
                if (mode.label.equals(wanted)) {
                    return mode;
                }
            }
            throw new TypeConversionException("unknown mode '" + value + "' (expected "
                    + Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", ")) + ")");
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(values()).map(Mode::label).iterator();
        }
    }
}

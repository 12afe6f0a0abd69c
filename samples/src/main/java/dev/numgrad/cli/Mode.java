package dev.numgrad.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the gradient is computed: the engine's two numeric modes, or the loss's exact gradient.
 * (The engine's own {@code dev.numgrad.gradient.Mode} has only the first two.)
 */
enum Mode {
    /** Every coordinate re-evaluates the whole loss at perturbed points. */
    BLACKBOX("blackbox", dev.numgrad.gradient.Mode.BLACK_BOX),
    /** Every coordinate evaluates f(x + s·eᵢ) − f(x) from the terms that change. */
    DELTA("delta", dev.numgrad.gradient.Mode.DELTA),
    /**
     * The loss's analytic or backpropagated gradient: the reference, not a finite difference.
     * Also read as "exact", the word {@code numgrad descend} uses.
     */
    BACKPROP("backprop", null, "exact");

    private final String label;
    private final dev.numgrad.gradient.Mode engineMode;
    private final String synonym;

    Mode(String label, dev.numgrad.gradient.Mode engineMode) {
        this(label, engineMode, null);
    }

    Mode(String label, dev.numgrad.gradient.Mode engineMode, String synonym) {
        this.label = label;
        this.engineMode = engineMode;
        this.synonym = synonym;
    }

    /**
     * The engine's mode for a numeric gradient.
     *
     * @throws IllegalStateException for {@link #BACKPROP}, which is no finite difference
     */
    dev.numgrad.gradient.Mode engineMode() {
        if (engineMode == null) {
            throw new IllegalStateException(label + " is not a numeric mode");
        }
        return engineMode;
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
                if (mode.label.equals(wanted) || wanted.equals(mode.synonym)) {
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

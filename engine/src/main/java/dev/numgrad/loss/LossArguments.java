package dev.numgrad.loss;

import dev.numgrad.InvalidDimensionException;
import java.util.Objects;

/** Validation shared by the lambda-backed losses, so that every factory words its errors alike. */
final class LossArguments {

    /** The name {@link Loss#of(int, java.util.function.ToDoubleFunction)} gives an unnamed loss. */
    static final String DEFAULT_NAME = "function";

    private LossArguments() {
    }

    /** A name for messages: not null and not blank, so that no message reads {@code loss ''}. */
    static String name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a loss name must not be blank, got '" + name + "'");
        }
        return name;
    }

    /** The loss's dimension, at least 1. */
    static int dimension(String name, int dimension) {
        return InvalidDimensionException.check(name, dimension);
    }
}

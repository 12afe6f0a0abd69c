package dev.numgrad.optim;

import java.util.OptionalInt;

/** A source that fails the test if it is ever asked for anything: proves validation comes first. */
record ForbiddenSource(OptionalInt dimension) implements GradientSource {

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        throw new AssertionError("the gradient source must not be called");
    }
}

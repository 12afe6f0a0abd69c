package dev.numgrad.tour;

import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.Loss;
import java.util.function.DoubleUnaryOperator;

/**
 * The derivative of a function of one variable, by the engine: a one-dimensional {@link Loss}
 * differenced by {@link NumericGradient} with the scheme and step asked for. The lessons of
 * one variable use this so that every slope they print is the engine's, not a formula of their own.
 */
final class Derivative {

    private Derivative() {
    }

    /** f'(x) by the scheme at a step of exactly h. */
    static double at(String name, DoubleUnaryOperator f, double x, Scheme scheme, double h) {
        return result(name, f, x, scheme, StepPolicy.absolute(h)).values()[0];
    }

    /** The engine's result of differencing f at x: the value and the evaluations it took. */
    static GradientResult result(String name, DoubleUnaryOperator f, double x, Scheme scheme, StepPolicy steps) {
        Loss loss = Loss.of(name, 1, v -> f.applyAsDouble(v[0]));
        return NumericGradient.defaults().withScheme(scheme).withSteps(steps).withExecution(Execution.serial())
                .compute(loss, new double[] {x});
    }

    /** The curve y = f(x) at the given xs. */
    static double[] values(DoubleUnaryOperator f, double[] xs) {
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = f.applyAsDouble(xs[i]);
        }
        return ys;
    }

    /** The line through (x0, y0) with the given slope, at the given xs. */
    static double[] line(double x0, double y0, double slope, double[] xs) {
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = y0 + slope * (xs[i] - x0);
        }
        return ys;
    }
}

package dev.numgrad.optim;

import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import java.util.OptionalInt;

/**
 * A test-only numeric gradient: the central difference (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h with
 * h = ∛ε·max(1, |xᵢ|) ≈ 6e-6·max(1, |xᵢ|), the step that balances truncation (O(h²)) against
 * rounding (O(ε/h)). Serial and simple on purpose: the engine's own numeric gradient lives in
 * {@code dev.numgrad.gradient}; this only stands in for it where the loop is tested alone.
 */
final class CentralDifferenceSource implements GradientSource {

    private static final double CUBE_ROOT_EPSILON = Math.cbrt(Math.ulp(1.0));

    private final Loss loss;
    private final Evaluator evaluator;
    private final double[] probe;

    CentralDifferenceSource(Loss loss) {
        this.loss = loss;
        this.evaluator = loss.newEvaluator();
        this.probe = new double[loss.dimension()];
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        System.arraycopy(x, 0, probe, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double h = CUBE_ROOT_EPSILON * Math.max(1, Math.abs(x[i]));
            probe[i] = x[i] + h;
            double plus = evaluator.value(probe);
            probe[i] = x[i] - h;
            double minus = evaluator.value(probe);
            probe[i] = x[i];
            gradient[i] = (plus - minus) / (2 * h);
        }
        return evaluator.value(x);
    }

    @Override
    public OptionalInt dimension() {
        return OptionalInt.of(loss.dimension());
    }
}

package dev.numgrad.optim;

import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.loss.DifferentiableLoss;
import dev.numgrad.loss.Loss;

/**
 * Main class for {@link UserLossNeedsNoKernelsTest}: in a child JVM, runs the descent loop on two
 * users' losses that use no kernels (numeric gradient, exact gradient) and prints their losses.
 */
public final class UserLossProbe {

    private UserLossProbe() {
    }

    public static void main(String[] args) {
        Loss bowl = Loss.of("bowl", 3, x -> x[0] * x[0] + 2 * x[1] * x[1] + 3 * x[2] * x[2]);
        DescentResult numeric = new DescentLoop(new Sgd(0.1), 200)
                .run(GradientSource.numeric(NumericGradient.defaults(), bowl), new double[] {1, 1, 1});
        DifferentiableLoss exactBowl = DifferentiableLoss.of("exact bowl", 1, x -> x[0] * x[0], (x, g) -> {
            g[0] = 2 * x[0];
            return x[0] * x[0];
        });
        DescentResult exact = new DescentLoop(new Sgd(0.1), 200).run(GradientSource.exact(exactBowl), new double[] {1});
        System.out.println("losses " + (numeric.loss() < 1e-10) + " " + (exact.loss() < 1e-10));
    }
}

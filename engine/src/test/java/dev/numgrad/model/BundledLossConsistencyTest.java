package dev.numgrad.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientError;
import dev.numgrad.gradient.Mode;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.workload.Workload;
import dev.numgrad.workload.WorkloadSpec;
import java.util.SplittableRandom;
import org.eclipse.collections.api.factory.primitive.IntSets;
import org.eclipse.collections.api.set.primitive.MutableIntSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every standard workload's three views of itself tie together: the value, the delta and the
 * exact gradient. Sizes are off lane multiples (vector tails), the points the standard start and
 * a seeded random one, on the scalar kernels and this JVM's choice.
 *
 * <ul>
 *   <li>value(x + s·eᵢ) − value(x) = delta(i, s), for sampled coordinates (every parameter block
 *       of the MLP included) and steps 1e-3, −0.1, 0.7. Tolerance 64·ε·(|f(x)| + |f(x + s·eᵢ)|):
 *       the difference of two values carries each value's rounding, a few ε·|f| from summing
 *       the terms; the delta's own error is far smaller (see {@code DeltaEvaluatorTest}).
 *   <li>The delta central gradient through {@link NumericGradient} equals the exact gradient to
 *       err_inf ≤ 1e-8: central differences at the default step are that close for these
 *       smooth losses once rounding no longer dominates, which is what delta buys.
 * </ul>
 *
 * <p>The sizes come from an exhaustive switch, so a new {@link Workload} does not compile until
 * it is given a size here.
 */
class BundledLossConsistencyTest {

    private static final long SEED = 31_337L;
    private static final double[] STEPS = {1e-3, -0.1, 0.7};
    private static final int SAMPLED = 25;

    private static WorkloadSpec smallSpec(Workload workload) {
        return switch (workload) {
            case SUMSQ -> WorkloadSpec.of("sumsq", 1001);
            case ROSEN -> WorkloadSpec.of("rosen", 1001);
            case LINREG -> WorkloadSpec.of("linreg", 64, 257);
            case LOGREG -> WorkloadSpec.of("logreg", 64, 257);
            case MLP -> WorkloadSpec.of("mlp", 33, 17, 10, 9); // P = 561 + 17 + 170 + 10 = 758
        };
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void valueDeltaAndExactGradientAgree(Workload workload) {
        WorkloadSpec spec = smallSpec(workload);
        for (KernelSupport kernels : LossCase.kernels()) {
            BundledLoss loss = spec.build(kernels);
            for (LossCase.NamedPoint point : LossCase.points(loss.dimension(), SEED).subList(0, 2)) {
                String where = spec + " on " + kernels.name() + " at " + point.name();
                checkDeltaAgainstValues(loss, point.x(), coordinates(loss, SEED), where);
                checkDeltaGradientAgainstExact(loss, point.x(), where);
            }
        }
    }

    private static void checkDeltaAgainstValues(BundledLoss loss, double[] x, int[] coordinates, String where) {
        Evaluator evaluator = loss.newEvaluator();
        DeltaEvaluator delta = loss.newDeltaEvaluator();
        double base = evaluator.value(x);
        assertEquals(base, delta.prepare(x), 1e-14 * Math.abs(base), where + ": prepare's f(x)");
        double[] moved = x.clone();
        for (int i : coordinates) {
            for (double s : STEPS) {
                moved[i] = x[i] + s;
                double value = evaluator.value(moved);
                moved[i] = x[i];
                double tolerance = 64 * Math.ulp(1.0) * (Math.abs(base) + Math.abs(value));
                assertEquals(value - base, delta.delta(i, s), tolerance,
                        where + " (seed " + SEED + "): delta(" + i + ", " + s + ") vs value difference");
            }
        }
    }

    private static void checkDeltaGradientAgainstExact(BundledLoss loss, double[] x, String where) {
        double[] exact = new double[x.length];
        loss.newExactGradient().valueAndGradient(x, exact);
        double[] delta = NumericGradient.defaults().withMode(Mode.DELTA).withExecution(Execution.serial())
                .compute(loss, x).values();
        double error = GradientError.relativeInf(delta, exact);
        assertTrue(error <= 1e-8, where + ": delta central gradient vs exact err_inf " + error);
    }

    /** First and last coordinates, every MLP block's first and last, and seeded random ones. */
    private static int[] coordinates(BundledLoss loss, long seed) {
        int n = loss.dimension();
        MutableIntSet picked = IntSets.mutable.of(0, n - 1);
        if (loss instanceof Mlp mlp) {
            for (int l = 0; l < mlp.layerCount(); l++) {
                picked.addAll(mlp.weightOffset(l), mlp.biasOffset(l) - 1, mlp.biasOffset(l), mlp.biasOffset(l) + mlp.fanOut(l) - 1);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < SAMPLED; k++) {
            picked.add(random.nextInt(n));
        }
        return picked.toSortedArray();
    }
}

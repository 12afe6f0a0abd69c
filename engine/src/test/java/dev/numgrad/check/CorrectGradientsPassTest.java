package dev.numgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.Activation;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.model.HiddenLayer;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.Workload;
import dev.numgrad.workload.WorkloadSpec;
import dev.numgrad.workload.Workloads;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * No false positives at default settings: the exact gradient of every bundled loss passes every
 * mode, for many seeds, at the standard start and at seeded random points, on the scalar kernels
 * and on this JVM's (Panama where the vector module is present).
 */
class CorrectGradientsPassTest {

    private static final int SEEDS = 4;

    static List<KernelSupport> kernels() {
        return Kernels.get() == Kernels.scalar() ? List.of(Kernels.scalar()) : List.of(Kernels.scalar(), Kernels.get());
    }

    /** Sizes off lane multiples; the exhaustive switch makes a new workload add its case here. */
    private static WorkloadSpec spec(Workload workload) {
        return switch (workload) {
            case SUMSQ -> WorkloadSpec.of("sumsq", 37);
            case ROSEN -> WorkloadSpec.of("rosen", 33);
            case LINREG -> WorkloadSpec.of("linreg", 13, 19);
            case LOGREG -> WorkloadSpec.of("logreg", 13, 19);
            case MLP -> WorkloadSpec.of("mlp", 17, 9, 3, 5);
        };
    }

    /** The start point, then points start + N(0, 0.3²) and, for wider coverage, N(0, 1). */
    static double[] point(int dimension, long seed, int which) {
        double[] x = Workloads.start(dimension);
        if (which > 0) {
            SplittableRandom random = new SplittableRandom(seed * 31 + which);
            double spread = which == 1 ? 0.3 : 1.0;
            for (int i = 0; i < dimension; i++) {
                x[i] += spread * (2 * random.nextDouble() - 1);
            }
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Workload.class)
    void everyBundledLossPassesEveryModeAtManySeedsAndPoints(Workload workload) {
        for (KernelSupport kernels : kernels()) {
            BundledLoss loss = spec(workload).build(kernels);
            assertAllPass(loss, kernels);
        }
    }

    @Test
    void deeperNetworksWithSigmoidAndTanhPass() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] inputs = new double[6][11];
        int[] labels = new int[6];
        for (int s = 0; s < inputs.length; s++) {
            for (int j = 0; j < inputs[s].length; j++) {
                inputs[s][j] = random.nextDouble() * 2 - 1;
            }
            labels[s] = s % 4;
        }
        for (KernelSupport kernels : kernels()) {
            Mlp deep = new Mlp(inputs, labels, 4,
                    List.of(HiddenLayer.tanh(7), new HiddenLayer(5, Activation.SIGMOID)), kernels);
            assertAllPass(deep, kernels);
        }
    }

    private static void assertAllPass(BundledLoss loss, KernelSupport kernels) {
        for (CheckMode mode : CheckMode.values()) {
            for (long seed = 0; seed < SEEDS; seed++) {
                for (int point = 0; point < 3; point++) {
                    int which = point;
                    double[] x = point(loss.dimension(), seed, which);
                    CheckReport report = GradientCheck.defaults().withMode(mode).withSeed(seed)
                            .withSamplesPerBlock(5).check(loss, x);
                    assertEquals(Outcome.PASSED, report.outcome(), () -> loss.name() + " on " + kernels.name() + ", "
                            + mode.id() + ", seed " + report.seed() + ", point " + which + ":\n" + report);
                }
            }
        }
    }
}

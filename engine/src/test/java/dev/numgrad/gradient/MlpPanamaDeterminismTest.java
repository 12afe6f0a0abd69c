package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.numgrad.fd.Scheme;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.MlpWorkload;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The MLP's central gradient on the Panama kernels, black-box (a tanh kernel in every
 * evaluation) and delta (tanhDifference, addExpm1Scaled, sumLog1p), serial and on 2 and 3
 * workers, repeated until the JIT has compiled the kernels: every result must equal the first
 * serial one, bit for bit. With the SVML-backed {@code lanewise(TANH)} the answer changed by the
 * last bits once C2 compiled a kernel, so repeated or parallel runs across warm-up disagreed;
 * {@code PanamaReproducibilityTest} pins the tiers down deterministically in child JVMs, this
 * test checks the promise where it matters, in the gradient.
 */
class MlpPanamaDeterminismTest {

    /** Enough rounds for C2 to compile the kernels midway (several thousand kernel calls each). */
    private static final int ROUNDS = 12;

    @Test
    void parallelAndRepeatedGradientsEqualTheFirstSerialOneAcrossWarmUp() {
        KernelSupport panama = Kernels.panama().orElseThrow(() -> new AssertionError("the tests run with the vector module"));
        MlpWorkload workload = new MlpWorkload(12, 10, 4, 37); // a batch that is no lane multiple
        Mlp loss = workload.loss(panama);
        double[] x = workload.startPoint();
        try (ForkJoinPool two = new ForkJoinPool(2); ForkJoinPool three = new ForkJoinPool(3)) {
            for (Mode mode : Mode.values()) {
                NumericGradient numeric = NumericGradient.defaults().withScheme(Scheme.central()).withMode(mode);
                double[] first = numeric.withExecution(Execution.serial()).compute(loss, x).values();
                for (int round = 0; round < ROUNDS; round++) {
                    String what = workload + " " + mode.id() + " round " + round;
                    assertArrayEquals(first, numeric.withExecution(Execution.serial()).compute(loss, x).values(),
                            what + " serial");
                    assertArrayEquals(first, numeric.withExecution(Execution.on(two)).compute(loss, x).values(),
                            what + " on 2 workers");
                    assertArrayEquals(first, numeric.withExecution(Execution.on(three)).compute(loss, x).values(),
                            what + " on 3 workers");
                }
            }
        }
    }
}

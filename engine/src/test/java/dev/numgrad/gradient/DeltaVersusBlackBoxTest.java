package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.fd.Scheme;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.Activation;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.model.HiddenLayer;
import dev.numgrad.model.Mlp;
import dev.numgrad.workload.MlpWorkload;
import dev.numgrad.workload.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4's cross-checks through the public entry point, for every standard workload kind at small
 * sizes (sizes with vector tails) plus a two-hidden-layer ReLU/sigmoid network, on the scalar
 * kernels and on this JVM's choice, at the standard start point and at a seeded random one:
 *
 * <ul>
 *   <li>the exact gradient is within err_inf ≤ 1e-7 of the central black-box gradient (so the
 *       exact gradient is a fair judge);
 *   <li>delta and black-box gradients agree, for central and five-point differences;
 *   <li>the delta gradient's err_inf against the exact one is no worse than the black-box one's;
 *   <li>parallel delta gradients on 2, 3 and 8 workers are bit-identical to the serial one.
 * </ul>
 *
 * <p>Why delta can only win: both modes difference at the same points with the same step, so
 * their truncation errors are the same number; black-box adds the rounding of f(x ± h·eᵢ), about
 * ε·|f| / h per coordinate, while delta computes the change itself, with a rounding error
 * proportional to the change. No slack is allowed in the comparison. The agreement tolerance is
 * therefore the black-box rounding with a tenfold margin: with |f| ≈ 1, ‖∇f‖∞ ≈ 0.1 and the
 * default steps, ε/(h·0.1) is about 2e-10 for central differences (h ≈ ε^(1/3)) and 2e-12 for
 * five-point ones (h ≈ ε^(1/5)); these cases measure at most 1.1e-9 and 1.1e-11, so the
 * tolerances are 1e-8 and 1e-10. Typical delta errors are 1e-12 (central) and 1e-15 (five-point).
 */
class DeltaVersusBlackBoxTest {

    private static final long SEED = 20261123_04L;
    private static final int[] WORKERS = {2, 3, 8};
    private static final double EXACT_TOLERANCE = 1e-7;
    private static ForkJoinPool[] pools;

    @BeforeAll
    static void createPools() {
        pools = new ForkJoinPool[WORKERS.length];
        for (int k = 0; k < WORKERS.length; k++) {
            pools[k] = new ForkJoinPool(WORKERS[k]);
        }
    }

    @AfterAll
    static void closePools() {
        for (ForkJoinPool pool : pools) {
            pool.close();
        }
    }

    /** One workload at one size on one kernel provider, at one point. */
    record Case(String label, BundledLoss loss, double[] x) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Case> cases() {
        List<Function<KernelSupport, BundledLoss>> losses = List.of(
                k -> Workloads.sumsq(37, k),
                k -> Workloads.rosen(37, k),
                k -> Workloads.linreg(20, 33, k),
                k -> Workloads.logreg(20, 33, k),
                k -> Workloads.mlp(9, 7, 4, 6, k),
                k -> new Mlp(new MlpWorkload(9, 6, 3, 7).inputMatrix(), new MlpWorkload(9, 6, 3, 7).labels(), 3,
                        List.of(new HiddenLayer(6, Activation.RELU), new HiddenLayer(5, Activation.SIGMOID)), k));
        List<KernelSupport> providers = Kernels.get() == Kernels.scalar()
                ? List.of(Kernels.scalar()) : List.of(Kernels.scalar(), Kernels.get());
        List<Case> cases = new ArrayList<>();
        for (Function<KernelSupport, BundledLoss> build : losses) {
            for (KernelSupport kernels : providers) {
                BundledLoss loss = build.apply(kernels);
                int n = loss.dimension();
                String on = loss.name() + " on " + kernels.name();
                cases.add(new Case(on + " at the start point", loss, Workloads.start(n)));
                SplittableRandom random = new SplittableRandom(SEED + n);
                cases.add(new Case(on + " at random(±1, seed " + (SEED + n) + ")", loss,
                        random.doubles(n, -1, 1).toArray()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deltaAgreesWithBlackBoxIsNoLessAccurateAndIsTheSameOnAnyNumberOfWorkers(Case c) {
        double[] x = c.x();
        double[] copy = x.clone();
        double[] exact = new double[x.length];
        c.loss().newExactGradient().valueAndGradient(x, exact);
        NumericGradient serial = NumericGradient.defaults().withExecution(Execution.serial());

        double centralBlackBox = GradientError.relativeInf(serial.compute(c.loss(), x).values(), exact);
        assertTrue(centralBlackBox <= EXACT_TOLERANCE,
                () -> c + ": exact gradient vs central black-box err_inf " + centralBlackBox);

        for (Scheme scheme : new Scheme[] {Scheme.central(), Scheme.fivePoint()}) {
            NumericGradient numeric = serial.withScheme(scheme);
            double[] blackBox = numeric.compute(c.loss(), x).values();
            NumericGradient delta = numeric.withMode(Mode.DELTA);
            double[] deltaSerial = delta.compute(c.loss(), x).values();
            String what = c + ", " + scheme.id();

            double agreement = GradientError.relativeInf(deltaSerial, blackBox);
            double tolerance = scheme.order() == 2 ? 1e-8 : 1e-10;
            assertTrue(agreement <= tolerance, () -> what + ": delta vs black-box err_inf " + agreement + " > " + tolerance);
            double blackBoxError = GradientError.relativeInf(blackBox, exact);
            double deltaError = GradientError.relativeInf(deltaSerial, exact);
            assertTrue(deltaError <= blackBoxError,
                    () -> what + ": delta err_inf " + deltaError + " > black-box err_inf " + blackBoxError);

            for (ForkJoinPool pool : pools) {
                double[] parallel = delta.withExecution(Execution.on(pool)).compute(c.loss(), x).values();
                assertArrayEquals(deltaSerial, parallel, () -> what + ": delta on " + pool.getParallelism()
                        + " workers differs from serial");
            }
        }
        assertArrayEquals(copy, x, () -> c + ": x modified");
    }
}

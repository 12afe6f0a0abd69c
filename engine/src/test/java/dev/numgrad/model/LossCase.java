package dev.numgrad.model;

import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.kernel.Kernels;
import dev.numgrad.workload.Workloads;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * One standard workload at one size, with its independent reference formulas, for the
 * parameterized loss tests.
 *
 * @param label e.g. "linreg(5,7)"
 * @param dimension number of parameters
 * @param terms the length of the longest sum in the value (sets the value tolerance)
 * @param build the loss under test on given kernels
 * @param reference plain-loop f(x) from WORKLOADS.md
 * @param exact f at an exact point, exactly or to about 60 digits
 */
record LossCase(String label, int dimension, int terms, Function<KernelSupport, BundledLoss> build,
        ToDoubleFunction<double[]> reference, Function<BigDecimal[], BigDecimal> exact) {

    @Override
    public String toString() {
        return label;
    }

    static LossCase sumsq(int n) {
        return new LossCase("sumsq(" + n + ")", n, n, k -> Workloads.sumsq(n, k),
                ReferenceLosses::sumsq, ReferenceLosses::sumsq);
    }

    static LossCase rosen(int n) {
        return new LossCase("rosen(" + n + ")", n, n, k -> Workloads.rosen(n, k),
                ReferenceLosses::rosen, ReferenceLosses::rosen);
    }

    static LossCase linreg(int m, int n) {
        return new LossCase("linreg(" + m + "," + n + ")", n, m + n, k -> Workloads.linreg(m, n, k),
                w -> ReferenceLosses.linreg(m, w), w -> ReferenceLosses.linreg(m, w));
    }

    static LossCase logreg(int m, int n) {
        return new LossCase("logreg(" + m + "," + n + ")", n, m + n, k -> Workloads.logreg(m, n, k),
                w -> ReferenceLosses.logreg(m, w), w -> ReferenceLosses.logreg(m, w));
    }

    /** Sizes around small lane multiples and with tails, for values and gradients. */
    static Stream<LossCase> valueCases() {
        return Stream.of(sumsq(1), sumsq(7), sumsq(64), sumsq(1021),
                rosen(2), rosen(3), rosen(17), rosen(1021),
                linreg(1, 1), linreg(5, 7), linreg(33, 65), linreg(256, 100),
                logreg(1, 1), logreg(5, 7), logreg(33, 65), logreg(256, 100));
    }

    /** Tiny sizes where the exact reference is cheap. */
    static Stream<LossCase> tinyCases() {
        return Stream.of(sumsq(1), sumsq(7), rosen(2), rosen(3), rosen(7),
                linreg(1, 1), linreg(5, 7), logreg(1, 1), logreg(5, 7), logreg(9, 4));
    }

    /** The scalar reference kernels and whatever this JVM selected (Panama when present). */
    static List<KernelSupport> kernels() {
        return Kernels.get() == Kernels.scalar() ? List.of(Kernels.scalar()) : List.of(Kernels.scalar(), Kernels.get());
    }

    /**
     * The points every test uses: the standard start point, a moderate random point and a wide
     * one (|x| up to 8: large Rosenbrock terms, logistic margins deep in both tails).
     */
    static List<NamedPoint> points(int dimension, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return List.of(new NamedPoint("start", Workloads.start(dimension)),
                new NamedPoint("random(±1.5, seed " + seed + ")", random.doubles(dimension, -1.5, 1.5).toArray()),
                new NamedPoint("wide(±8, seed " + seed + ")", random.doubles(dimension, -8, 8).toArray()));
    }

    record NamedPoint(String name, double[] x) {
    }
}

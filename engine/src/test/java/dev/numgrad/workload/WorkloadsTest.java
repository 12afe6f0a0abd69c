package dev.numgrad.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.kernel.Kernels;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.model.HiddenLayer;
import dev.numgrad.model.MlpReference;
import dev.numgrad.model.ReferenceLosses;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The closed-form data of WORKLOADS.md, the parser of command-line workload words, and sizes. */
class WorkloadsTest {

    @Test
    void startPointFollowsTheFormula() {
        double[] theta = Workloads.start(1000);
        for (int i : new int[] {0, 1, 2, 17, 500, 999}) {
            assertEquals(0.1 * Math.sin(0.37 * i + 0.1), theta[i], 0.0, "theta[" + i + "]");
        }
        assertEquals(0.1 * Math.sin(0.1), theta[0], 0.0);
        // Prefixes agree: a workload's start point does not depend on anything but the index.
        assertEquals(Workloads.start(7)[6], theta[6], 0.0);
    }

    @Test
    void dataFollowsTheFormulas() {
        int m = 9;
        int n = 13;
        double[] x = Workloads.features(m, n);
        double[] y = Workloads.targets(m);
        double[] t = Workloads.labels(m);
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(Math.sin(0.7 * r + 0.13 * c), x[r * n + c], 0.0, "X[" + r + "][" + c + "]");
            }
            assertEquals(Math.cos(0.3 * r), y[r], 0.0, "y[" + r + "]");
            assertEquals(Math.cos(0.3 * r) > 0 ? 1.0 : 0.0, t[r], 0.0, "t[" + r + "]");
        }
        // cos(0.3·r) changes sign between r = 5 and 6: both labels occur.
        assertEquals(1.0, t[5]);
        assertEquals(0.0, t[6]);
    }

    @Test
    void standardSizesHaveTheSpecifiedParameterCounts() {
        assertEquals(1_000_000, WorkloadSpec.of("sumsq", 1_000_000).parameters());
        assertEquals(100_000, WorkloadSpec.of("rosen", 100_000).parameters());
        assertEquals(4000, WorkloadSpec.of("linreg", 256, 4000).parameters());
        assertEquals(1000, WorkloadSpec.of("logreg", 256, 1000).parameters());
        // the mlp rows of the WORKLOADS.md table
        assertEquals(4_810, WorkloadSpec.of("mlp", 64, 64, 10, 32).parameters());
        assertEquals(101_770, WorkloadSpec.parse("mlp", "784,128,10,32").parameters());
        assertEquals(795_010, WorkloadSpec.of("mlp", 784, 1000, 10, 32).parameters());
        assertEquals(1_009_660, WorkloadSpec.of("mlp", 784, 1270, 10, 32).parameters());
    }

    @Test
    void specBuildsTheWorkloadItNames() {
        Map<String, ToDoubleFunction<double[]>> references = Map.of(
                "sumsq", ReferenceLosses::sumsq,
                "rosen", ReferenceLosses::rosen,
                "linreg", w -> ReferenceLosses.linreg(6, w),
                "logreg", w -> ReferenceLosses.logreg(6, w),
                "mlp", new MlpReference(new MlpWorkload(5, 4, 3, 6).inputMatrix(), new MlpWorkload(5, 4, 3, 6).labels(),
                        3, List.of(HiddenLayer.tanh(4)))::value);
        for (String[] words : new String[][] {{"sumsq", "10"}, {"rosen", "10"}, {"linreg", "6,10"}, {"logreg", "6,10"},
                {"mlp", "5,4,3,6"}}) {
            WorkloadSpec spec = WorkloadSpec.parse(words[0], words[1]);
            BundledLoss loss = spec.build(Kernels.scalar());
            assertEquals(spec.label(), loss.name());
            assertEquals(spec.parameters(), loss.dimension());
            double[] theta = Workloads.start(loss.dimension());
            double expected = references.get(words[0]).applyAsDouble(theta);
            assertEquals(expected, loss.newEvaluator().value(theta), 1e-14 * expected, spec.label());
        }
    }

    @Test
    void parserAcceptsSpacesAndCase() {
        WorkloadSpec spec = WorkloadSpec.parse(" LinReg ", "256, 1000");
        assertEquals(Workload.LINREG, spec.workload());
        assertEquals("linreg(256,1000)", spec.label());
        assertEquals(spec, WorkloadSpec.of("linreg", 256, 1000));
        assertEquals("linreg m,n", Workload.LINREG.usage());
    }

    @Test
    void badRequestsAreRefusedWithTheOffendingValue() {
        assertMessage("unknown workload 'mlpp' (expected one of sumsq, rosen, linreg, logreg, mlp)",
                () -> WorkloadSpec.parse("mlpp", "1"));
        assertMessage("linreg takes 2 sizes (m,n), got 1: [256]", () -> WorkloadSpec.parse("linreg", "256"));
        assertMessage("sumsq takes 1 size (n), got 2: [10,20]", () -> WorkloadSpec.of("sumsq", 10, 20));
        assertMessage("no sizes given for rosen (expected rosen n)", () -> WorkloadSpec.parse("rosen", " "));
        assertMessage("sumsq size n must be at least 1, got 0", () -> WorkloadSpec.parse("sumsq", "0"));
        assertMessage("logreg size m must be at least 1, got -3", () -> WorkloadSpec.parse("logreg", "-3,10"));
        assertMessage("rosen size n must be at least 2, got 1", () -> WorkloadSpec.parse("rosen", "1"));
        assertMessage("size 'abc' in '256,abc' for linreg is not an integer", () -> WorkloadSpec.parse("linreg", "256,abc"));
        assertMessage("size '' in '256,' for linreg is not an integer", () -> WorkloadSpec.parse("linreg", "256,"));
        assertMessage("size '99999999999' in '99999999999' for sumsq is too large (at most 2147483647)",
                () -> WorkloadSpec.parse("sumsq", "99999999999"));
        assertMessage("sumsq(2147483647) has 2147483647 parameters, more than one Java array holds (2147483639)",
                () -> WorkloadSpec.of("sumsq", Integer.MAX_VALUE));
        assertMessage("linreg(100000,100000) needs an array of 10000000000 doubles, more than one Java array holds (2147483639)",
                () -> WorkloadSpec.of("linreg", 100_000, 100_000));
        assertMessage("mlp takes 4 sizes (d,h,k,b), got 3: [784,128,10]", () -> WorkloadSpec.parse("mlp", "784,128,10"));
        assertMessage("mlp size k must be at least 2, got 1", () -> WorkloadSpec.parse("mlp", "784,128,1,32"));
        assertMessage("mlp size b must be at least 1, got 0", () -> WorkloadSpec.of("mlp", 784, 128, 10, 0));
        // 784·3,000,000 + 3,000,000 + 10·3,000,000 + 10
        assertMessage("mlp(784,3000000,10,32) has 2385000010 parameters, more than one Java array holds (2147483639)",
                () -> WorkloadSpec.of("mlp", 784, 3_000_000, 10, 32));
        // few parameters, but the delta evaluator's series cache is SERIES_TERMS·h·b = 6·1·400,000,000
        assertMessage("mlp(1,1,2,400000000) needs an array of 2400000000 doubles, more than one Java array holds (2147483639)",
                () -> WorkloadSpec.of("mlp", 1, 1, 2, 400_000_000));
        assertMessage("start point dimension must be at least 1, got 0", () -> Workloads.start(0));
        assertMessage("workers must be at least 1, got 0", () -> WorkloadSpec.of("sumsq", 5).estimatedBytes(0));
    }

    @Test
    void memoryEstimateCountsDataScratchAndVectors() {
        // linreg(256,1000): X three times at peak (built, row-major copy, column-major copy),
        // y and the column norms; per worker m residuals and an n-vector; the caller's x and
        // gradient and the engine's validated copy of x.
        long expected = 8L * (3L * 256 * 1000 + 256 + 1000 + 2 * (256 + 1000) + 3 * 1000);
        assertEquals(expected, WorkloadSpec.of("linreg", 256, 1000).estimatedBytes(2));
        assertTrue(WorkloadSpec.of("sumsq", 1_000_000).estimatedBytes(1) >= 8L * 3 * 1_000_000);
    }

    /**
     * The mlp estimate is counted array by array before anything is built; here it meets what
     * building the loss and one worker's evaluators really allocate (the JVM's per-thread
     * allocation counter). 5% covers array headers and the evaluators' small objects.
     */
    @Test
    void mlpMemoryEstimateMatchesWhatBuildingAndTheEvaluatorsAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counter not supported");
        WorkloadSpec spec = WorkloadSpec.of("mlp", 300, 40, 10, 64);
        spec.build(Kernels.scalar()).newDeltaEvaluator(); // load and initialise the classes first
        int[] sizes = spec.sizes().toArray();

        long start = threads.getCurrentThreadAllocatedBytes();
        BundledLoss loss = spec.build(Kernels.scalar());
        long built = threads.getCurrentThreadAllocatedBytes();
        loss.newDeltaEvaluator();
        long withDelta = threads.getCurrentThreadAllocatedBytes();
        loss.newEvaluator();
        long withValue = threads.getCurrentThreadAllocatedBytes();
        loss.newExactGradient();
        long withBackprop = threads.getCurrentThreadAllocatedBytes();

        assertWithin(8 * Workload.MLP.dataElements(sizes), built - start, spec + " data");
        assertWithin(8 * Workload.MLP.scratchElements(sizes), withDelta - built, spec + " delta evaluator");
        // the estimate takes the delta evaluator as the largest of a worker's evaluators
        assertTrue(withValue - withDelta < withDelta - built,
                (withValue - withDelta) + " bytes for the value evaluator, " + (withDelta - built) + " for delta");
        assertTrue(withBackprop - withValue < withDelta - built,
                (withBackprop - withValue) + " bytes for backprop, " + (withDelta - built) + " for delta");
    }

    private static void assertWithin(long estimated, long measured, String what) {
        assertTrue(Math.abs(estimated - measured) <= 0.05 * measured,
                what + ": estimated " + estimated + " bytes, allocated " + measured);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
    }
}

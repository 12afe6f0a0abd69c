package dev.numgrad.gradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.numgrad.LossEvaluationException;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.loss.Evaluator;
import dev.numgrad.loss.Loss;
import dev.numgrad.loss.SegmentEvaluator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The black-box workers' aligned copies of x are kept between gradients and reused, within a
 * byte limit, and a reused copy gives a fresh copy's gradient.
 */
class AlignedCopiesTest {

    private static final ForkJoinPool TWO_WORKERS = new ForkJoinPool(2);

    @AfterAll
    static void shutDown() {
        TWO_WORKERS.shutdown();
    }

    @Test
    void aReturnedSegmentOfTheSameSizeIsTakenAgainOthersAreAllocated() {
        AlignedCopies copies = new AlignedCopies(1 << 20);
        MemorySegment first = copies.take(800);
        assertEquals(800, first.byteSize());
        assertEquals(0, first.address() % KernelSupport.CACHE_LINE_BYTES, "starts a cache line");
        copies.giveBack(first);
        assertEquals(800, copies.idleBytes());

        MemorySegment other = copies.take(808);
        assertNotEquals(first.address(), other.address(), "a different size is a new segment");
        assertEquals(808, other.byteSize());
        assertEquals(0, other.address() % KernelSupport.CACHE_LINE_BYTES);
        assertEquals(first.address(), copies.take(800).address(), "the same size is the returned segment");
        assertEquals(0, copies.idleBytes());
    }

    @Test
    void beyondTheLimitTheLeastRecentlyReturnedAreDropped() {
        AlignedCopies copies = new AlignedCopies(2000);
        MemorySegment a = copies.take(800);
        MemorySegment b = copies.take(800);
        MemorySegment c = copies.take(800);
        copies.giveBack(a);
        copies.giveBack(b);
        copies.giveBack(c);
        assertEquals(1600, copies.idleBytes(), "a, the least recently returned, was dropped");
        Set<Long> kept = Set.of(copies.take(800).address(), copies.take(800).address());
        assertEquals(Set.of(b.address(), c.address()), kept);
        assertNotEquals(a.address(), copies.take(800).address());

        copies.giveBack(copies.take(4000));
        assertEquals(0, copies.idleBytes(), "a segment over the limit is not kept");
        assertThrows(IllegalArgumentException.class, () -> new AlignedCopies(-1));
    }

    /** x·x over a segment, recording the address of every segment it is given. */
    private static Loss recordingSquares(int n, Set<Long> addresses, boolean failAtCoordinateProbes) {
        return new Loss() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public String name() {
                return "recording squares";
            }

            @Override
            public Evaluator newEvaluator() {
                return new SegmentEvaluator() {
                    @Override
                    public double value(double[] x) {
                        return value(MemorySegment.ofArray(x));
                    }

                    @Override
                    public double value(MemorySegment x) {
                        addresses.add(x.address());
                        double sum = 0;
                        for (int i = 0; i < n; i++) {
                            double xi = x.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                            sum += xi * xi;
                        }
                        if (failAtCoordinateProbes && sum > 0) {
                            throw new IllegalStateException("this loss fails at every probe");
                        }
                        return sum;
                    }
                };
            }
        };
    }

    @Test
    void consecutiveGradientsEvaluateOnTheFirstOnesCopiesWithTheSameResult() {
        // An unusual dimension, so that no other test's gradient takes these copies in between.
        int n = 1237;
        double[] x = new Random(1237).doubles(n, -1, 1).toArray();
        for (Execution execution : new Execution[] {Execution.serial(), Execution.on(TWO_WORKERS)}) {
            Set<Long> first = ConcurrentHashMap.newKeySet();
            Set<Long> second = ConcurrentHashMap.newKeySet();
            NumericGradient gradient = NumericGradient.defaults().withExecution(execution);
            double[] once = gradient.compute(recordingSquares(n, first, false), x).values();
            double[] again = gradient.compute(recordingSquares(n, second, false), x).values();
            assertArrayEquals(once, again, 0.0, execution.toString());
            // Every copy the first gradient gave back waits in the store, so the second takes those
            // before making any (how many workers each gradient used depends on the pool's timing).
            Set<Long> fresh = new HashSet<>(second);
            fresh.removeAll(first);
            assertTrue(fresh.size() <= Math.max(0, second.size() - first.size()),
                    execution + ": second gradient's copies " + second + ", the first's " + first);
        }
    }

    @Test
    void aGradientThatFailedGivesItsCopyBackAndTheNextGradientIsUnaffected() {
        int n = 1239;
        double[] zeros = new double[n];
        double[] x = new Random(1239).doubles(n, -1, 1).toArray();
        Set<Long> failed = ConcurrentHashMap.newKeySet();
        // f(0) = 0 passes at the base point; every perturbed probe throws
        assertThrows(LossEvaluationException.class, () -> NumericGradient.defaults()
                .compute(recordingSquares(n, failed, true), zeros));
        Set<Long> next = ConcurrentHashMap.newKeySet();
        double[] gradient = NumericGradient.defaults().compute(recordingSquares(n, next, false), x).values();
        // The failure at the first coordinate can stop the run before every worker has started,
        // so the next gradient may use more copies than the failed one gave back, but it takes
        // every given-back copy before it makes a new one.
        Set<Long> fresh = new HashSet<>(next);
        fresh.removeAll(failed);
        assertTrue(fresh.size() <= Math.max(0, next.size() - failed.size()),
                "the next gradient's copies " + next + " reuse the failed one's " + failed);
        for (int i = 0; i < n; i++) {
            assertEquals(2 * x[i], gradient[i], 1e-8, "d/dx" + i + " of the sum of squares");
        }
    }
}

package dev.numgrad.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts floating-point operations next to a benchmark's own score: JMH reports the
 * {@code flops} field as a rate in the benchmark's output unit. The kernel benchmarks use
 * {@code ops/us}, so the {@code :flops} line reads in MFLOP/s (divide by 1000 for GFLOP/s).
 *
 * <p>Each benchmark adds its documented flop count per call: an fma counts as two flops (one
 * multiply, one add), so dot and sum of squares are 2n, axpy 2n, gemv and its transpose
 * 2·rows·cols. Element-wise kernels count elements instead (see {@link ActivationKernelBenchmark}).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class FlopCounter {

    /** Flops (or elements) done in this iteration; read by JMH. */
    public long flops;

    @Setup(Level.Iteration)
    public void reset() {
        flops = 0;
    }
}

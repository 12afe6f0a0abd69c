package dev.numgrad.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's double-precision fma peak, the yardstick the kernel figures are quoted
 * against: twelve independent vector accumulators (enough to cover fma latency × fma ports on
 * current x86 cores), no memory traffic in the loop.
 *
 * <p>This is the one class outside {@code dev.numgrad.kernel.panama} that imports
 * {@code jdk.incubator.vector}: it calibrates the hardware, it is not library code, and the
 * benchmark jar always runs with the module.
 *
 * <p>Flops per call: 2 · 12 accumulators · LANES · {@value #STEPS} steps, counted by
 * {@link FlopCounter} (the {@code :flops} line reads in MFLOP/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class FmaPeakBenchmark {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int STEPS = 1024;
    private static final int ACCUMULATORS = 12;

    private double multiplier;
    private double addend;

    @Setup
    public void setUp() {
        // |multiplier| < 1 keeps every accumulator bounded (a contraction), so no denormals or
        // infinities slow the loop down
        multiplier = 0.999_999;
        addend = 1e-6;
    }

    @Benchmark
    public double fmaPeak(FlopCounter counter) {
        counter.flops += 2L * ACCUMULATORS * SPECIES.length() * STEPS;
        DoubleVector m = DoubleVector.broadcast(SPECIES, multiplier);
        DoubleVector c = DoubleVector.broadcast(SPECIES, addend);
        DoubleVector a0 = DoubleVector.broadcast(SPECIES, 0.1);
        DoubleVector a1 = DoubleVector.broadcast(SPECIES, 0.2);
        DoubleVector a2 = DoubleVector.broadcast(SPECIES, 0.3);
        DoubleVector a3 = DoubleVector.broadcast(SPECIES, 0.4);
        DoubleVector a4 = DoubleVector.broadcast(SPECIES, 0.5);
        DoubleVector a5 = DoubleVector.broadcast(SPECIES, 0.6);
        DoubleVector a6 = DoubleVector.broadcast(SPECIES, 0.7);
        DoubleVector a7 = DoubleVector.broadcast(SPECIES, 0.8);
        DoubleVector a8 = DoubleVector.broadcast(SPECIES, 0.9);
        DoubleVector a9 = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector a10 = DoubleVector.broadcast(SPECIES, 1.1);
        DoubleVector a11 = DoubleVector.broadcast(SPECIES, 1.2);
        for (int step = 0; step < STEPS; step++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))).add(a8.add(a9).add(a10.add(a11)))
                .lane(0);
    }
}

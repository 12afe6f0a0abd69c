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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's memory bandwidth at each level of the hierarchy, the second yardstick next to
 * {@link FmaPeakBenchmark}: a loss evaluation that reads its data faster than the level that
 * data fits in can deliver is impossible, one that reaches it is bandwidth-bound. STREAM's three
 * patterns on the Vector API:
 * <ul>
 *   <li>{@code read}: the sum of one array, the pattern of a loss evaluation streaming its data
 *       (a {@code gemv} over X); eight independent vector accumulators, so the adds' latency
 *       never limits the loads;</li>
 *   <li>{@code copy}: {@code dst[i] = src[i]};</li>
 *   <li>{@code triad}: {@code a[i] = b[i] + s·c[i]} (one fma per element).</li>
 * </ul>
 *
 * <p><b>What counts as a byte</b> (STREAM's convention): every element a kernel reads or writes
 * counts its 8 bytes once, so read counts 8 bytes per element, copy 16 (read + write) and triad
 * 24 (two reads + one write). A write-allocate cache first reads each destination line it
 * writes, and that read is not counted, so beyond the cache copy really moves 3/2 and triad 4/3
 * of its counted bytes: that is why their figures fall below read's once the arrays leave the
 * core's caches. Counted bytes go to {@link ByteCounter}: the {@code :bytes} line reads in MB/s.
 *
 * <p><b>Footprint</b>: {@code footprintKiB} is every byte one call touches, whatever the
 * pattern: read sums one array of that size, copy moves between two arrays of half of it, triad
 * works on three of a third; so one footprint lands in the same cache level for all three.
 * The defaults aim at each level of the development machine (AMD EPYC, AVX-512: 32 KB L1d and
 * about 1 MB L2 per core, L3 shared): 16 KiB in L1, 256 and 768 KiB in L2, 4 and 16 MiB in L3,
 * 256 MiB in DRAM. The arrays are slices of one allocation with 576-byte gaps between them, so
 * that copy's source and destination (each a whole number of pages long) do not start a multiple
 * of 4 KiB apart, nor do triad's three slices at these footprints: with 4K aliasing the core
 * stalls loads behind unrelated stores, and the figure would measure that instead.
 *
 * <p><b>How to read it.</b> Run with {@code -t 1}, then {@code -t 2}: each thread has its own
 * arrays ({@code Scope.Thread}), so {@code -t 1} gives one core's bandwidth and {@code -t 2}
 * prints the total of both threads (JMH sums the threads' rates). Per-core levels (L1, L2)
 * should double with two threads; the shared levels (L3, DRAM) double only while one core
 * cannot saturate them, and each thread then gets half. Compare a loss's {@code :bytes} rate
 * (see {@link LossRooflineBenchmark}) with the {@code read} rate at the footprint its data fits
 * in, and with the same thread count.
 *
 * <p>This is the second class outside {@code dev.numgrad.kernel.panama} that imports
 * {@code jdk.incubator.vector}, for the reason {@link FmaPeakBenchmark} does: it calibrates the
 * hardware, it is not library code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MemoryBandwidthBenchmark {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Doubles between slices: 576 bytes, a whole number of cache lines and no multiple of 4 KiB. */
    private static final int SLICE_GAP = 72;
    /** The triad's scalar s. */
    private static final double SCALE = 3.0;

    /** Bytes one call touches, in KiB (1024 bytes). */
    @Param({"16", "256", "768", "4096", "16384", "262144"})
    public int footprintKiB;

    private double[] data;
    private int readLength;
    private int copyLength;
    private int triadLength;

    @Setup
    public void setUp() {
        long elements = footprintKiB * 1024L / Double.BYTES;
        readLength = (int) elements;
        copyLength = (int) (elements / 2);
        triadLength = (int) (elements / 3);
        data = new double[readLength + 2 * SLICE_GAP];
        for (int i = 0; i < data.length; i++) {
            // small exact values: the scalar check below compares sums that are exact
            data[i] = i % 7;
        }
        checkKernels();
    }

    /** Each kernel once against a scalar loop, so a wrong offset or tail cannot inflate a rate. */
    private void checkKernels() {
        double expected = 0;
        for (int i = 0; i < readLength; i++) {
            expected += data[i];
        }
        double sum = sum(data, 0, readLength);
        if (sum != expected) {
            throw new IllegalStateException("read: vector sum " + sum + " != scalar sum " + expected);
        }
        int src = 0;
        int dst = copyLength + SLICE_GAP;
        copy(data, src, dst, copyLength);
        for (int i = 0; i < copyLength; i++) {
            if (data[dst + i] != data[src + i]) {
                throw new IllegalStateException("copy: dst[" + i + "] = " + data[dst + i] + " != src[" + i + "] = " + data[src + i]);
            }
        }
        int a = 0;
        int b = triadLength + SLICE_GAP;
        int c = 2 * (triadLength + SLICE_GAP);
        triad(data, a, b, c, triadLength);
        for (int i = 0; i < triadLength; i++) {
            double want = Math.fma(SCALE, data[c + i], data[b + i]);
            if (data[a + i] != want) {
                throw new IllegalStateException("triad: a[" + i + "] = " + data[a + i] + " != " + want);
            }
        }
    }

    @Benchmark
    public double read(ByteCounter counter) {
        counter.bytes += (long) Double.BYTES * readLength;
        return sum(data, 0, readLength);
    }

    @Benchmark
    public double copy(ByteCounter counter) {
        counter.bytes += 2L * Double.BYTES * copyLength;
        int dst = copyLength + SLICE_GAP;
        copy(data, 0, dst, copyLength);
        return data[dst];
    }

    @Benchmark
    public double triad(ByteCounter counter) {
        counter.bytes += 3L * Double.BYTES * triadLength;
        triad(data, 0, triadLength + SLICE_GAP, 2 * (triadLength + SLICE_GAP), triadLength);
        return data[0];
    }

    /** Σ x[from, from + n): eight accumulators (add latency × two add ports), then tails. */
    private static double sum(double[] x, int from, int n) {
        int step = 8 * LANES;
        int end = from + n;
        int limit = from + n / step * step;
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        DoubleVector s4 = s0;
        DoubleVector s5 = s0;
        DoubleVector s6 = s0;
        DoubleVector s7 = s0;
        int i = from;
        for (; i < limit; i += step) {
            s0 = s0.add(DoubleVector.fromArray(SPECIES, x, i));
            s1 = s1.add(DoubleVector.fromArray(SPECIES, x, i + LANES));
            s2 = s2.add(DoubleVector.fromArray(SPECIES, x, i + 2 * LANES));
            s3 = s3.add(DoubleVector.fromArray(SPECIES, x, i + 3 * LANES));
            s4 = s4.add(DoubleVector.fromArray(SPECIES, x, i + 4 * LANES));
            s5 = s5.add(DoubleVector.fromArray(SPECIES, x, i + 5 * LANES));
            s6 = s6.add(DoubleVector.fromArray(SPECIES, x, i + 6 * LANES));
            s7 = s7.add(DoubleVector.fromArray(SPECIES, x, i + 7 * LANES));
        }
        // vector tail
        for (; i + LANES <= end; i += LANES) {
            s0 = s0.add(DoubleVector.fromArray(SPECIES, x, i));
        }
        // reduce
        DoubleVector total = s0.add(s1).add(s2.add(s3)).add(s4.add(s5).add(s6.add(s7)));
        double sum = 0;
        for (int lane = 0; lane < LANES; lane++) {
            sum += total.lane(lane);
        }
        // scalar tail
        for (; i < end; i++) {
            sum += x[i];
        }
        return sum;
    }

    /** x[dst, dst + n) = x[src, src + n); the ranges must not overlap. Four vectors per step. */
    private static void copy(double[] x, int src, int dst, int n) {
        int step = 4 * LANES;
        int limit = n / step * step;
        int i = 0;
        for (; i < limit; i += step) {
            DoubleVector.fromArray(SPECIES, x, src + i).intoArray(x, dst + i);
            DoubleVector.fromArray(SPECIES, x, src + i + LANES).intoArray(x, dst + i + LANES);
            DoubleVector.fromArray(SPECIES, x, src + i + 2 * LANES).intoArray(x, dst + i + 2 * LANES);
            DoubleVector.fromArray(SPECIES, x, src + i + 3 * LANES).intoArray(x, dst + i + 3 * LANES);
        }
        // vector tail
        for (; i + LANES <= n; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, src + i).intoArray(x, dst + i);
        }
        // scalar tail
        for (; i < n; i++) {
            x[dst + i] = x[src + i];
        }
    }

    /** x[a + i] = x[b + i] + s·x[c + i] for i in [0, n), s = {@value #SCALE}; a's range overlaps neither input. */
    private static void triad(double[] x, int a, int b, int c, int n) {
        DoubleVector s = DoubleVector.broadcast(SPECIES, SCALE);
        int step = 4 * LANES;
        int limit = n / step * step;
        int i = 0;
        for (; i < limit; i += step) {
            DoubleVector.fromArray(SPECIES, x, c + i).fma(s, DoubleVector.fromArray(SPECIES, x, b + i))
                    .intoArray(x, a + i);
            DoubleVector.fromArray(SPECIES, x, c + i + LANES).fma(s, DoubleVector.fromArray(SPECIES, x, b + i + LANES))
                    .intoArray(x, a + i + LANES);
            DoubleVector.fromArray(SPECIES, x, c + i + 2 * LANES).fma(s, DoubleVector.fromArray(SPECIES, x, b + i + 2 * LANES))
                    .intoArray(x, a + i + 2 * LANES);
            DoubleVector.fromArray(SPECIES, x, c + i + 3 * LANES).fma(s, DoubleVector.fromArray(SPECIES, x, b + i + 3 * LANES))
                    .intoArray(x, a + i + 3 * LANES);
        }
        // vector tail
        for (; i + LANES <= n; i += LANES) {
            DoubleVector.fromArray(SPECIES, x, c + i).fma(s, DoubleVector.fromArray(SPECIES, x, b + i)).intoArray(x, a + i);
        }
        // scalar tail
        for (; i < n; i++) {
            x[a + i] = Math.fma(x[c + i], SCALE, x[b + i]);
        }
    }
}

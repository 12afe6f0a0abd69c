package dev.numgrad.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts bytes moved next to a benchmark's own score, the way {@link FlopCounter} counts flops:
 * JMH reports the {@code bytes} field as a rate in the benchmark's output unit. The benchmarks
 * that use it run in {@code ops/us}, so the {@code :bytes} line reads in MB/s (10⁶ bytes per
 * second; divide by 1000 for GB/s).
 *
 * <p>What counts as a byte is the benchmark's documented convention: STREAM's (every array
 * element read or written once counts its 8 bytes; write-allocate traffic is not counted) in
 * {@link MemoryBandwidthBenchmark}, the data an evaluation must read in {@link EvaluationCost}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {

    /** Bytes moved in this iteration; read by JMH. */
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}

package dev.numgrad.cli;

import dev.numgrad.fd.Scheme;
import dev.numgrad.fd.StepPolicy;
import dev.numgrad.kernel.KernelSupport;
import dev.numgrad.optim.DescentLoop;
import dev.numgrad.optim.DescentTrace;
import dev.numgrad.workload.WorkloadSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A validated {@code numgrad descend} request: everything the run needs, nothing allocated yet.
 *
 * @param workload the workload and its sizes; the run starts at its standard start point
 * @param gradient where gradients come from: blackbox, delta or the exact gradient (backprop)
 * @param scheme the finite-difference scheme (unused by the exact gradient)
 * @param stepPolicy the finite-difference step policy (unused by the exact gradient)
 * @param threads workers of a numeric gradient: 1 for the serial path, else the size of a
 *     dedicated fork/join pool; the exact gradient always runs serially
 * @param kernels the loss kernels
 * @param loop the optimizer, schedule, clipping and stopping rules
 * @param schedule the --schedule value as given, with the warm-up, for reports
 * @param trace where to write the trace CSV, or null
 * @param plot where to write the loss plot (.png or .svg), or null
 */
record DescentRequest(WorkloadSpec workload, Mode gradient, Scheme scheme, StepPolicy stepPolicy, int threads,
        KernelSupport kernels, DescentLoop loop, String schedule, Path trace, Path plot) {

    /** Room for the JVM itself, the libraries, the command line's objects and a plot. */
    static final long JVM_ALLOWANCE_BYTES = 96L << 20;

    /**
     * Vectors of the parameter count the run holds beyond the loss's own estimate: the loop's
     * iterate, gradient, previous and best iterate, the optimizer's state (two for Adam), the
     * start, and the result's copies of the final and best iterate.
     */
    static final int RUN_VECTORS = 10;

    /**
     * Bytes per trace row at peak: four 8-byte columns and a 4-byte one, in arrays that grow by
     * doubling (so up to twice what they use), and their copies when the run ends.
     */
    static final int TRACE_ROW_BYTES = (4 * Long.BYTES + Integer.BYTES) * 3;

    DescentRequest {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(gradient, "gradient");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(stepPolicy, "stepPolicy");
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(schedule, "schedule");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Whether the gradient is a finite difference, rather than the loss's exact gradient. */
    boolean numeric() {
        return gradient != Mode.BACKPROP;
    }

    /** The workers that compute gradients: the exact gradient runs in the calling thread. */
    int workers() {
        return numeric() ? threads : 1;
    }

    /** What the run will hold on the heap, estimated from the sizes and the step limit alone. */
    long estimatedBytes() {
        // The trace keeps at most MAX_ROWS rows (plus the last), however many steps are allowed.
        long rows = Math.min(loop.stopping().maxIterations() + 1L, DescentTrace.MAX_ROWS + 1L);
        return workload.estimatedBytes(workers())
                + (long) RUN_VECTORS * Double.BYTES * workload.parameters()
                + rows * TRACE_ROW_BYTES
                + JVM_ALLOWANCE_BYTES;
    }
}

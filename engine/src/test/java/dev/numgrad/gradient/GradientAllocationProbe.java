package dev.numgrad.gradient;

import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.Loss;
import dev.numgrad.workload.WorkloadSpec;
import dev.numgrad.workload.Workloads;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Main class for {@link GradientAllocationTest}: for each argument triple (workload, sizes,
 * mode, e.g. {@code logreg 256,1000 blackbox}) it computes warm-up gradients ({@code -DwarmUp},
 * default 12) to let the JIT compile the hot paths (run it with {@code -Xbatch}, so that compiles
 * finish before the calls that trigger them return), then {@value #MEASURED} more, and prints the
 * bytes allocated per gradient by the calling thread and the pool's workers together, as
 * "LABEL/MODE BYTES" (e.g. "logreg(256,1000)/blackbox 30675"). The first line is the compiler
 * directive's state.
 */
public final class GradientAllocationProbe {

    static final int WORKERS = 2;
    static final int WARM_UP = Integer.getInteger("warmUp", 12);
    static final int MEASURED = 5;

    private GradientAllocationProbe() {
    }

    public static void main(String[] args) {
        Kernels.get();
        System.out.println("directive " + Kernels.jitDirective().state());
        com.sun.management.ThreadMXBean threadBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Thread> workers = new CopyOnWriteArrayList<>();
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            workers.add(thread);
            return thread;
        };
        // keepAlive long enough that no worker retires (and takes its count with it) mid-measurement
        try (ForkJoinPool pool = new ForkJoinPool(WORKERS, factory, null, false, WORKERS, 256, 1,
                null, 10, java.util.concurrent.TimeUnit.MINUTES)) {
            for (int k = 0; k + 2 < args.length; k += 3) {
                WorkloadSpec spec = WorkloadSpec.parse(args[k], args[k + 1]);
                Mode mode = Mode.parse(args[k + 2]);
                Loss loss = spec.build();
                NumericGradient gradient = NumericGradient.defaults().withMode(mode).withExecution(Execution.on(pool));
                double[] x = Workloads.start(loss.dimension());
                double[] out = new double[loss.dimension()];
                double sink = 0;
                for (int call = 0; call < WARM_UP; call++) {
                    sink += gradient.compute(loss, x, out).values()[0];
                }
                long before = allocated(threadBean, workers);
                for (int call = 0; call < MEASURED; call++) {
                    sink += gradient.compute(loss, x, out).values()[0];
                }
                long bytes = (allocated(threadBean, workers) - before) / MEASURED;
                System.out.println(spec.label() + "/" + mode.id() + " " + bytes + (Double.isFinite(sink) ? "" : " non-finite"));
            }
        }
    }

    /** Bytes allocated so far by this thread and every worker the pool has started. */
    private static long allocated(com.sun.management.ThreadMXBean threadBean, List<Thread> workers) {
        long total = threadBean.getCurrentThreadAllocatedBytes();
        for (Thread worker : workers) {
            long bytes = threadBean.getThreadAllocatedBytes(worker.threadId());
            if (bytes < 0) {
                throw new IllegalStateException("worker " + worker.getName() + " ended mid-measurement");
            }
            total += bytes;
        }
        return total;
    }
}

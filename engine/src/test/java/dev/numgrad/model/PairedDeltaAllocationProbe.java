package dev.numgrad.model;

import dev.numgrad.kernel.Kernels;
import dev.numgrad.loss.DeltaEvaluator;
import dev.numgrad.workload.MlpWorkload;
import java.lang.management.ManagementFactory;

/**
 * Main class for {@link PairedDeltaAllocationTest}: on the Panama kernels, sweeps
 * {@code symmetricDeltas} over the first-layer weights of mlp(INPUTS,HIDDEN,10,32) (the fused
 * pass; the other coordinates make separate calls to kernels that run too rarely here to be
 * compiled) until C2 has compiled it in the caller's own context (run with {@code -Xbatch}), then
 * prints "kernels NAME" and "allocated BYTES" over one more sweep.
 */
public final class PairedDeltaAllocationProbe {

    static final int SWEEPS = 4;

    private PairedDeltaAllocationProbe() {
    }

    public static void main(String[] args) {
        int inputs = Integer.parseInt(args[0]);
        int hidden = Integer.parseInt(args[1]);
        MlpWorkload workload = new MlpWorkload(inputs, hidden, 10, 32);
        Mlp mlp = workload.loss(Kernels.get());
        System.out.println("kernels " + Kernels.get().name());
        DeltaEvaluator delta = mlp.newDeltaEvaluator();
        delta.prepare(workload.startPoint());
        double h = 0x1p-18;
        double[] into = new double[2];
        double sink = 0;
        int weights = inputs * hidden;
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int i = 0; i < weights; i++) {
                delta.symmetricDeltas(i, h, into);
                sink += into[0] - into[1];
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < weights; i++) {
            delta.symmetricDeltas(i, h, into);
            sink += into[0] - into[1];
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.println("allocated " + allocated + (Double.isFinite(sink) ? "" : " non-finite"));
    }
}

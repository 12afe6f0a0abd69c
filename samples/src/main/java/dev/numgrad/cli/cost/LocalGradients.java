package dev.numgrad.cli.cost;

import dev.numgrad.Words;
import dev.numgrad.gradient.Execution;
import dev.numgrad.gradient.GradientResult;
import dev.numgrad.gradient.NumericGradient;
import dev.numgrad.model.BundledLoss;
import dev.numgrad.workload.WorkloadSpec;
import java.util.concurrent.ForkJoinPool;

/** A sweep's numeric gradients in this JVM, on a pool made for the sweep or in the calling thread. */
final class LocalGradients implements NumericGradients {

    private final int threads;
    private final ForkJoinPool pool;
    private final Execution execution;

    LocalGradients(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
        this.execution = pool == null ? Execution.serial() : Execution.on(pool);
    }

    @Override
    public String where() {
        return Words.count(threads, "thread");
    }

    @Override
    public GradientResult compute(NumericGradient engine, WorkloadSpec model, BundledLoss loss, double[] x) {
        return engine.withExecution(execution).compute(loss, x);
    }

    @Override
    public GradientResult computeCoordinates(NumericGradient engine, WorkloadSpec model, BundledLoss loss, double[] x,
            int[] coordinates) {
        return engine.withExecution(execution).computeCoordinates(loss, x, coordinates);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}

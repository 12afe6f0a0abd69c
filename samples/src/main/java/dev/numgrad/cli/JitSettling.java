package dev.numgrad.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether the JIT compiler is still at work after the warm-up gradients a user asked for, so that
 * {@code numgrad gradient --warmup W} can keep its promise that the hot loops are compiled before
 * the clock runs.
 *
 * <p>Why a count alone does not: a short gradient finishes before C2 has compiled its loops. A
 * rosen(10000) gradient takes about 12 ms once compiled, one C2 compile of its Vector API kernel
 * tens of milliseconds, and on a two-core machine the compiler thread takes a core from the two
 * workers. After one warm-up gradient, compiles still completed during most of the next twenty
 * (0–32 ms of compile time each), and the five timed gradients took 19 ms (median) against 12 ms
 * once compiling had stopped.
 *
 * <p>The signal is {@link CompilationMXBean#getTotalCompilationTime()}: it grows when a compile
 * completes. After the asked-for gradients, one more is computed while the last one saw it grow,
 * within {@link #EXTRA_BUDGET} of wall time. A compile still in flight at the end of a gradient is
 * not seen, and compiles of unrelated code (the JIT never quite stops) are: the budget bounds both.
 * Where the JVM does not report compile time, no gradient is added.
 */
final class JitSettling {

    /** The most wall time the extra warm-up gradients may take together. */
    static final Duration EXTRA_BUDGET = Duration.ofSeconds(2);

    /** Milliseconds the JIT has compiled for so far, or null where the JVM does not say. */
    private final LongSupplier compileMillis;
    private final LongSupplier nanoTime;
    private final long budgetNanos;
    private long compileMillisBefore;
    private long extraStart;
    private boolean extraStarted;

    /** This JVM's compiler and clock, with {@link #EXTRA_BUDGET}. */
    static JitSettling ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return new JitSettling(jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit::getTotalCompilationTime : null, System::nanoTime, EXTRA_BUDGET);
    }

    /**
     * @param compileMillis the JIT's total compile time so far in ms, or null where unknown
     * @param nanoTime the wall clock
     * @param budget the most wall time the extra gradients may take together
     */
    JitSettling(LongSupplier compileMillis, LongSupplier nanoTime, Duration budget) {
        this.compileMillis = compileMillis;
        this.nanoTime = nanoTime;
        this.budgetNanos = budget.toNanos();
    }

    /** Call right before each warm-up gradient. */
    void beforeGradient() {
        if (compileMillis != null) {
            compileMillisBefore = compileMillis.getAsLong();
        }
    }

    /**
     * Call after the asked-for warm-up gradients and after each extra one.
     *
     * @return whether to compute another, unmeasured gradient: a compile completed during the last
     *     one and the extra gradients are still within the budget
     */
    boolean anotherGradient() {
        if (compileMillis == null || compileMillis.getAsLong() == compileMillisBefore) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (!extraStarted) {
            extraStarted = true;
            extraStart = now;
        }
        return now - extraStart < budgetNanos;
    }
}

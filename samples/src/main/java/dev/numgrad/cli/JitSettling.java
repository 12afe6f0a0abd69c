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
 * rosen(10000) gradient takes about 10 ms once compiled, one C2 compile of its Vector API kernel
 * tens of milliseconds, and on a two-core machine the compiler thread takes a core from the two
 * workers. After one warm-up gradient, compiles kept completing during most of the next twenty
 * gradients, and the five timed gradients took 15–19 ms (median) against 9–12 ms once compiling
 * had stopped.
 *
 * <p>The signal is {@link CompilationMXBean#getTotalCompilationTime()}: it grows when a compile
 * completes. It is read before every warm-up gradient and after the last; after the asked-for
 * gradients, more are computed until none has been seen to grow for {@link #QUIET} of wall time,
 * within {@link #EXTRA_BUDGET}. A quiet spell rather than one quiet gradient, because the compiles
 * of a warming JVM arrive in bursts with gaps of a gradient or two between them. A gradient longer
 * than the quiet spell settles it by itself. Compiles of unrelated code (the JIT never quite stops)
 * are counted too: the budget bounds what they cost. Where the JVM does not report compile time,
 * no gradient is added.
 */
final class JitSettling {

    /** The most wall time the extra warm-up gradients may take together. */
    static final Duration EXTRA_BUDGET = Duration.ofSeconds(2);

    /** How long no compile may have completed before the warm-up counts as settled. */
    static final Duration QUIET = Duration.ofMillis(100);

    /** Milliseconds the JIT has compiled for so far, or null where the JVM does not say. */
    private final LongSupplier compileMillis;
    private final LongSupplier nanoTime;
    private final long quietNanos;
    private final long budgetNanos;
    private long lastCompileMillis = -1;
    /** When a completed compile was last noticed; meaningful once {@link #compiled} is set. */
    private long lastActivity;
    private boolean compiled;
    private long extraStart;
    private boolean extraStarted;

    /** This JVM's compiler and clock, with {@link #QUIET} and {@link #EXTRA_BUDGET}. */
    static JitSettling ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return new JitSettling(jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit::getTotalCompilationTime : null, System::nanoTime, QUIET, EXTRA_BUDGET);
    }

    /**
     * @param compileMillis the JIT's total compile time so far in ms, or null where unknown
     * @param nanoTime the wall clock
     * @param quiet how long no compile may have completed before the warm-up is settled
     * @param budget the most wall time the extra gradients may take together
     */
    JitSettling(LongSupplier compileMillis, LongSupplier nanoTime, Duration quiet, Duration budget) {
        this.compileMillis = compileMillis;
        this.nanoTime = nanoTime;
        this.quietNanos = quiet.toNanos();
        this.budgetNanos = budget.toNanos();
    }

    /** Call right before each warm-up gradient: notes whether a compile completed since the last look. */
    void beforeGradient() {
        look();
    }

    /**
     * Call after the asked-for warm-up gradients and after each extra one.
     *
     * @return whether to compute another, unmeasured gradient: a compile completed less than the
     *     quiet spell ago and the extra gradients are still within the budget
     */
    boolean anotherGradient() {
        if (compileMillis == null) {
            return false;
        }
        long now = look();
        if (!extraStarted) {
            extraStarted = true;
            extraStart = now;
        }
        return compiled && now - lastActivity < quietNanos && now - extraStart < budgetNanos;
    }

    /** Reads the compile time; returns the current time. */
    private long look() {
        long now = nanoTime.getAsLong();
        if (compileMillis != null) {
            long total = compileMillis.getAsLong();
            if (lastCompileMillis >= 0 && total != lastCompileMillis) {
                compiled = true;
                lastActivity = now;
            }
            lastCompileMillis = total;
        }
        return now;
    }
}

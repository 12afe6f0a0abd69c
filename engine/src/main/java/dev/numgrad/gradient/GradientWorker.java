package dev.numgrad.gradient;

import dev.numgrad.InputModifiedException;
import dev.numgrad.NonFiniteDerivativeException;
import dev.numgrad.fd.CoordinateProbe;
import dev.numgrad.schedule.CoordinateWorker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * One worker's means of differencing coordinates: it is the {@link CoordinateProbe} of whichever
 * coordinate it is processing, so the scheme calls back into it without any allocation.
 */
abstract sealed class GradientWorker implements CoordinateWorker, CoordinateProbe
        permits BlackBoxWorker, DeltaWorker {

    final Job job;
    /** The coordinate {@link #at(double)} perturbs. */
    int coordinate;
    /** Evaluations this worker made; read by the caller after the scheduler completes. */
    long evaluations;

    GradientWorker(Job job) {
        this.job = job;
    }

    /**
     * Hands back what is worth keeping for the next gradient (an aligned copy of x), once the
     * gradient no longer uses this worker. Nothing by default.
     */
    void release() {
    }

    /** One scheduler slot is one output slot, except for {@link BatchedBlackBoxWorker}'s groups. */
    @Override
    public void process(int slot) {
        job.out[slot] = checked(slot, differentiate(slot));
    }

    /** The scheme's derivative for output slot {@code slot}, probing through {@link #at(double)}. */
    final double differentiate(int slot) {
        int i = job.coordinates == null ? slot : job.coordinates[slot];
        double h = job.steps.step(job.scheme, job.x[i]);
        coordinate = i;
        return job.scheme.derivative(this, job.base, h, job.errors, slot);
    }

    /**
     * The derivative of output slot {@code slot}, or a {@link NonFiniteDerivativeException}: every
     * probe was finite (the probes check), so a non-finite result means the quotient overflowed.
     */
    final double checked(int slot, double derivative) {
        if (!Double.isFinite(derivative)) {
            int i = job.coordinates == null ? slot : job.coordinates[slot];
            throw new NonFiniteDerivativeException(job.lossName, i, job.x[i], job.steps.step(job.scheme, job.x[i]),
                    derivative);
        }
        return derivative;
    }

    /**
     * Whether {@code mine}, the worker's private copy of x, still equals the validated x after
     * the evaluations of slots [lo, hi); if not, restores it and reports the first difference.
     * One vectorised comparison per range: negligible next to the range's evaluations, each of
     * which reads all of x.
     */
    final void checkUnmodified(double[] mine, int lo, int hi) {
        check(mine, lo, hi);
    }

    /** As {@link #checkUnmodified(double[], int, int)}, after the evaluation at the base point. */
    final void checkUnmodifiedAtBase(double[] mine) {
        check(mine, -1, -1);
    }

    /** As {@link #checkUnmodified(double[], int, int)} for a private copy held as doubles in a segment. */
    final void checkUnmodified(MemorySegment mine, int lo, int hi) {
        check(mine, lo, hi);
    }

    /** As {@link #checkUnmodified(MemorySegment, int, int)}, after the evaluation at the base point. */
    final void checkUnmodifiedAtBase(MemorySegment mine) {
        check(mine, -1, -1);
    }

    /** @param lo first slot of the range evaluated, or -1 for the base point */
    private void check(double[] mine, int lo, int hi) {
        int j = Arrays.mismatch(mine, job.x);
        if (j < 0) {
            return;
        }
        double after = mine[j];
        System.arraycopy(job.x, 0, mine, 0, mine.length);
        throw modified(j, after, lo, hi);
    }

    /**
     * Byte for byte, which for doubles is {@link Arrays#mismatch(double[], double[])}'s
     * comparison of bits except between NaNs of different payloads (job.x holds no NaN).
     */
    private void check(MemorySegment mine, int lo, int hi) {
        long byteOffset = mine.mismatch(MemorySegment.ofArray(job.x));
        if (byteOffset < 0) {
            return;
        }
        int j = (int) (byteOffset / Double.BYTES);
        double after = mine.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, j);
        MemorySegment.copy(job.x, 0, mine, ValueLayout.JAVA_DOUBLE_UNALIGNED, 0, job.x.length);
        throw modified(j, after, lo, hi);
    }

    private InputModifiedException modified(int j, double after, int lo, int hi) {
        String during = lo < 0 ? "the base point x was evaluated"
                : job.coordinates == null ? "coordinates [" + lo + ", " + hi + ") were differenced"
                : "coordinates " + Arrays.toString(Arrays.copyOfRange(job.coordinates, lo, hi)) + " were differenced";
        return InputModifiedException.byLoss(job.lossName, j, job.x[j], after, during);
    }
}

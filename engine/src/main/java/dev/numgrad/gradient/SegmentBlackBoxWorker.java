package dev.numgrad.gradient;

import dev.numgrad.loss.SegmentEvaluator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A black-box worker whose private copy of x is an off-heap segment starting on a cache line,
 * evaluated through {@link SegmentEvaluator#value(MemorySegment)}. A fresh array per worker and
 * gradient lands wherever the allocator puts it, and a one-pass loss (rosen(10000)) ran 15–25 %
 * slower from some of those addresses than from others, so gradient times were bimodal; the
 * aligned copy gives every gradient the fast time.
 */
final class SegmentBlackBoxWorker extends BlackBoxWorker {

    /** One element of the copy; the segment is aligned, so the aligned layout holds. */
    private static final ValueLayout.OfDouble ELEMENT = ValueLayout.JAVA_DOUBLE;

    private final SegmentEvaluator segments;
    /** Private copy of x, 64-byte aligned; equal to job.x between probes. */
    private final MemorySegment point;

    /**
     * The copy comes from {@link AlignedCopies#SHARED}, which keeps copies between gradients (a
     * fresh one is a native allocation on fresh pages: 220–280 µs for n = 10000 on the
     * development VM), and goes back there through {@link #release()} when the gradient is done.
     * Its memory belongs to an automatic arena: a copy the store does not keep (it keeps at most
     * its bound of idle bytes) is freed by the garbage collector once unreachable, and counts
     * against {@code -XX:MaxDirectMemorySize} until then, whose limit triggers a collection. A confined arena cannot serve: a worker
     * moves between the pool's threads.
     */
    SegmentBlackBoxWorker(Job job, SegmentEvaluator segments) {
        super(job, segments, null);
        this.segments = segments;
        this.point = AlignedCopies.SHARED.take((long) job.x.length * Double.BYTES);
        MemorySegment.copy(job.x, 0, point, ELEMENT, 0, job.x.length);
    }

    @Override
    void release() {
        AlignedCopies.SHARED.giveBack(point);
    }

    @Override
    public void afterRange(int lo, int hi) {
        checkUnmodified(point, lo, hi);
    }

    @Override
    double evaluateAtBase() {
        return segments.value(point);
    }

    @Override
    void checkUnmodifiedAtBase() {
        checkUnmodifiedAtBase(point);
    }

    @Override
    double evaluatePerturbed(int i, double offset) {
        long at = (long) i * Double.BYTES;
        double xi = point.get(ELEMENT, at);
        point.set(ELEMENT, at, xi + offset);
        try {
            return segments.value(point);
        } finally {
            point.set(ELEMENT, at, xi);
        }
    }
}
